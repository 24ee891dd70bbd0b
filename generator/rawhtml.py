"""Generated HTML past Python-Markdown: the same page, without parsing every table cell twice.

The generated pages are mostly HTML (tables, charts, cards) between a few Markdown headings.
Python-Markdown passes an HTML block through unchanged, but to find where the block ends it first
runs the whole page through an HTML parser, tag by tag; on a national site that was a third of the
build, and more than MkDocs spends on a plain Markdown page of the same size.

:func:`stash_blocks` takes the HTML blocks out of a generated page before Python-Markdown sees it,
leaving a one-word paragraph in each one's place; :func:`restore_blocks` puts them back into the
HTML that Python-Markdown made. That is what Python-Markdown itself does with an HTML block (it
stashes it, and replaces the paragraph it left with it), so the page comes out the same, byte for
byte (``tests/test_rawhtml.py`` builds the sites both ways). Headings stay in the Markdown, so the
table of contents, permalinks and search sections are made as before.

Only HTML that certainly is a block is taken: between blank lines, nothing but elements that each
start a line with a block-level tag and end with that tag's closing tag (an element may go on past
a blank line, as in Python-Markdown). Anything else is left to Python-Markdown.
"""

from __future__ import annotations

import re
from functools import cache

import markdown

_START = re.compile(r"<([a-zA-Z][a-zA-Z0-9]*)[\s>]")
BLOCK_TAGS = frozenset({
    "address", "article", "aside", "blockquote", "details", "div", "dl", "fieldset", "figure", "footer",
    "form", "header", "hr", "menu", "nav", "ol", "p", "section", "table", "ul",
})
"""Block-level tags that start a stashed block (all of them are Python-Markdown's block-level tags)."""
MARKDOWN_BLOCK_TAGS = frozenset(markdown.Markdown().block_level_elements)
"""Every tag Python-Markdown may start an HTML block with."""
TOKEN = "PLANSPORHTMLBLOCK{index}X"
"""The word left in a block's place: letters and digits only, which Markdown leaves as they are."""


@cache
def _tag_pattern(tag: str) -> re.Pattern[str]:
    return re.compile(rf"<(/?){tag}[\s>]")


def _elements(text: str) -> str:
    """'whole' when ``text`` is one or more HTML elements, each starting a line with a block-level tag
    and ending where its closing tag ends, one per line; 'open' when the last one is not closed yet
    (it may go on past a blank line, as Python-Markdown reads it); else 'no'."""
    position = 0
    while True:
        match = _START.match(text, position)
        if match is None or match.group(1).lower() not in BLOCK_TAGS:
            return "no"
        tag, depth = match.group(1), 0
        for found in _tag_pattern(tag).finditer(text, position):
            depth += -1 if found.group(1) else 1
            if depth == 0:
                if not found.group(0).endswith(">"):
                    return "no"
                end = found.end()
                if end == len(text):
                    return "whole"
                if text.startswith("\n<", end):
                    position = end + 1
                    break
                return "no"  # text after the element on its line
        else:
            return "open"


def stash_blocks(markdown: str) -> tuple[str, list[str]]:
    """The Markdown with each whole HTML block replaced by a token paragraph, and the blocks in order.

    A block is what lies between blank lines (or, for an element that goes on past a blank line, up
    to the blank line after its end) when it is nothing but HTML elements."""
    if "PLANSPORHTMLBLOCK" in markdown:
        return markdown, []  # a page that contains the token's text is left as it is
    chunks = markdown.split("\n\n")
    out: list[str] = []
    blocks: list[str] = []
    index = 0
    while index < len(chunks):
        body = chunks[index].strip("\n")
        if body.startswith("<"):
            last, state = index, _elements(body)
            while state == "open" and last + 1 < len(chunks):
                last += 1
                body = "\n\n".join(chunks[index:last + 1]).strip("\n")
                state = _elements(body)
            if state == "whole":
                first, final = chunks[index], chunks[last]
                lead = first[: len(first) - len(first.lstrip("\n"))]
                trail = final[len(final.rstrip("\n")):] if last > index or final.strip("\n") else ""
                out.append(lead + TOKEN.format(index=len(blocks)) + trail)
                # Python-Markdown keeps the blank line after a block (it ends its stashed text with one).
                blocks.append(body + "\n")
                index = last + 1
                continue
        if _leaves_open(chunks[index]):
            # Python-Markdown may read on as HTML past this chunk: leave the rest of the page to it.
            out += chunks[index:]
            break
        out.append(chunks[index])
        index += 1
    return "\n\n".join(out), blocks


_ANY_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)[\s/>]")


def _leaves_open(chunk: str) -> bool:
    """Whether a chunk left to Python-Markdown may leave an HTML block (or comment) open after it."""
    if chunk.count("<!--") != chunk.count("-->"):
        return True
    depths: dict[str, int] = {}
    for found in _ANY_TAG.finditer(chunk):
        tag = found.group(2).lower()
        if tag not in MARKDOWN_BLOCK_TAGS or tag == "hr":  # <hr> has no closing tag
            continue
        depths[tag] = depths.get(tag, 0) + (-1 if found.group(1) else 1)
        if depths[tag] < 0:
            return True
    return any(depths.values())


def restore_blocks(html: str, blocks: list[str]) -> str:
    """The HTML with each token paragraph replaced by its block, as Python-Markdown does with its own."""
    for index, block in enumerate(blocks):
        paragraph = f"<p>{TOKEN.format(index=index)}</p>"
        if paragraph not in html:
            raise ValueError(f"the stashed HTML block {index} has no place in the converted page")
        html = html.replace(paragraph, block, 1)
    return html.strip()  # as Python-Markdown's last step, after it restored its own blocks
