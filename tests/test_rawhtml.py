"""Generated HTML past Python-Markdown (generator/rawhtml.py): the page comes out byte for byte as
Python-Markdown makes it from the whole page."""

from __future__ import annotations

import markdown
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.load import load_project
from generator.rawhtml import restore_blocks, stash_blocks

EXTENSIONS = ["admonition", "attr_list", "tables", "toc"]
"""The sample site's Markdown extensions (mkdocs.yml)."""


def converted(text: str) -> str:
    return markdown.Markdown(extensions=EXTENSIONS).convert(text)


def through_stash(text: str) -> str:
    skeleton, blocks = stash_blocks(text)
    return restore_blocks(converted(skeleton), blocks) if blocks else converted(skeleton)


def test_blocks_are_taken_and_headings_stay():
    page = ('# Titel\n\n<p class="ps-as-of">Status</p>\n\n<div class="x"><table>\n<tr><td>1</td></tr>\n</table></div>\n'
            '<p>efter</p>\n\n## Afsnit\n\n<div>\n<section>\n<h3>a</h3>\n\n<ul>\n<li>b</li>\n</ul>\n\n</section>\n</div>\n')
    skeleton, blocks = stash_blocks(page)
    assert skeleton.startswith("# Titel\n\nPLANSPORHTMLBLOCK0X\n\nPLANSPORHTMLBLOCK1X\n\n## Afsnit")
    assert len(blocks) == 3 and "<h3>a</h3>" in blocks[2]
    assert through_stash(page) == converted(page)


def test_mixed_chunks_are_left_to_markdown():
    for page in ("<p>a</p> tekst efter\n\nmere", "<div>a</div>{: onclick=x }\n\nb", "<span>inline</span>\n\nb",
                 "<div>ikke lukket\n\nb", "tekst <div>x</div>\n\nb"):
        skeleton, _ = stash_blocks(page)
        assert skeleton.split("\n\n")[0] == page.split("\n\n")[0], page
        assert through_stash(page) == converted(page)


def test_a_page_holding_the_token_text_is_left_alone():
    page = "# PLANSPORHTMLBLOCK0X\n\n<p>a</p>\n"
    assert stash_blocks(page) == (page, [])


PIECES = st.sampled_from([
    "# Titel", "## Afsnit", "tekst", "**fed** tekst", "- punkt", "1. punkt", "    kode", "| a | b |\n|---|---|\n| 1 | 2 |",
    '<p class="x">a &amp; b</p>', "<div>x</div>", "<div>\n<div>indre</div>\n</div>", '<table>\n<tr><td>1</td></tr>\n</table>',
    "<ul>\n<li>a</li>\n</ul>", "<figure><div data-spec='{\"a\":1}'></div><figcaption>x</figcaption></figure>",
    "<div>a</div>\n<p>b</p>", "<section>\n<h3>a</h3>", "</section>", "<p>a</p> hale", "<span>a</span>", "<div>", "</div>",
    "!!! note\n    indhold", "tekst {: #id }", "<!-- kommentar -->", "<hr>", "",
])


@settings(max_examples=400, deadline=None)
@given(st.lists(PIECES, max_size=12), st.lists(st.sampled_from(["\n\n", "\n", "\n\n\n"]), min_size=12, max_size=12))
def test_any_page_comes_out_as_python_markdown_makes_it(pieces, separators):
    page = "".join(piece + separator for piece, separator in zip(pieces, separators))
    assert through_stash(page) == converted(page)


def test_every_generated_page_comes_out_the_same(sample_project):
    from generator.history import load_history
    from generator.pages import site_pages, with_status_line

    from .conftest import AS_OF, HOSTILE, ROOT

    taken = 0
    for project, history in ((sample_project, load_history(ROOT)), (load_project(HOSTILE), None)):
        for language in ("da", "en"):
            for page in site_pages(project, AS_OF, language, history=history).pages:
                text = with_status_line(page.markdown, AS_OF, language, fictitious=True)
                taken += len(stash_blocks(text)[1])
                assert through_stash(text) == converted(text), page.path
    assert taken > 500
