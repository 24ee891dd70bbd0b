// Planspor's chart runtime. This file is bundled at build time with Vega, Vega-Lite and
// vega-embed (from the vl-convert-python package) inside one function scope, so it leaks
// no globals. It renders every <div class="ps-chart" data-spec="..."> on the page:
// on first load, after each instant navigation of mkdocs-material (document$), and again
// when the reader switches between the light and the dark palette.
//
// PLANSPOR (theme per palette, Vega schemes, d3 locales) is prepended by the build.

const RENDERED = "data-rendered";

function currentPalette() {
  const scheme = document.body && document.body.getAttribute("data-md-color-scheme");
  return scheme === "slate" ? "dark" : "light";
}

// Specs name Planspor's colour schemes as expressions ({"expr": "'planspor-activity'"});
// here each is replaced by the current palette's colours, so one spec serves both palettes.
function withPalette(value, schemes) {
  if (Array.isArray(value)) return value.map((item) => withPalette(item, schemes));
  if (value === null || typeof value !== "object") return value;
  const result = {};
  for (const [key, item] of Object.entries(value)) {
    const name = key === "scheme" && item && typeof item.expr === "string" ? item.expr.replace(/'/g, "") : null;
    if (name && schemes[name]) {
      result.range = schemes[name];
    } else {
      result[key] = withPalette(item, schemes);
    }
  }
  return result;
}

const views = new Map();

function renderChart(element, palette) {
  let spec;
  try {
    spec = withPalette(JSON.parse(element.getAttribute("data-spec")), PLANSPOR.theme[palette].schemes);
  } catch (error) {
    element.textContent = PLANSPOR.messages.broken;
    console.error("Planspor: chart spec is not valid JSON", element.id, error);
    return Promise.resolve();
  }
  const previous = views.get(element);
  if (previous) {
    previous.finalize();
    views.delete(element);
  }
  element.removeAttribute(RENDERED);
  const options = {
    renderer: "svg",
    mode: "vega-lite",
    // Vega compiles expressions with new Function() unless it interprets them; with ast: true
    // vega-embed uses the bundled vega-interpreter, so the Content-Security-Policy needs no
    // 'unsafe-eval' (generator/security.py).
    ast: true,
    // The interpreter's datetime() always passes seven arguments to Date, so datetime(timestamp),
    // which Vega-Lite writes for temporal tick values and domains, is an invalid date
    // (vega/vega#3632). This is what Vega's compiled expressions do: new Date(...arguments).
    expressionFunctions: { datetime: (...parts) => new Date(...parts) },
    config: PLANSPOR.theme[palette].config,
    formatLocale: PLANSPOR.locale.format,
    timeFormatLocale: PLANSPOR.locale.time,
    // A sparkline is too small for a menu; every other chart can be saved as SVG or PNG.
    actions: element.getAttribute("data-chart-kind") === "sparkline"
      ? false
      : { export: true, source: false, compiled: false, editor: false },
    i18n: PLANSPOR.embedI18n,
    tooltip: { theme: palette === "dark" ? "dark" : "light" },
    downloadFileName: element.id || "planspor-chart",
  };
  return vegaEmbed(element, spec, options)
    .then((result) => {
      views.set(element, result);
      labelActionMenu(element);
      element.setAttribute(RENDERED, "true");
    })
    .catch((error) => {
      element.textContent = PLANSPOR.messages.broken;
      console.error("Planspor: chart could not be drawn", element.id, error);
    });
}

function renderAll() {
  const palette = currentPalette();
  const charts = document.querySelectorAll(".ps-chart[data-spec]");
  // Views of charts that left the page (instant navigation) are released.
  for (const [element, result] of views) {
    if (!element.isConnected) {
      result.finalize();
      views.delete(element);
    }
  }
  return Promise.all(Array.from(charts, (element) => renderChart(element, palette)));
}

let observedBody = null;

function watchPalette() {
  // Material switches the palette by setting data-md-color-scheme on <body>.
  if (observedBody === document.body) return;
  observedBody = document.body;
  let last = currentPalette();
  new MutationObserver(() => {
    const now = currentPalette();
    if (now !== last) {
      last = now;
      renderAll();
    }
  }).observe(document.body, { attributes: true, attributeFilter: ["data-md-color-scheme"] });
}

// vega-embed's export menu opens from a <summary> that holds only an icon: give it a name.
function labelActionMenu(element) {
  for (const summary of element.querySelectorAll(".vega-embed details > summary")) {
    summary.setAttribute("aria-label", PLANSPOR.embedI18n.CLICK_TO_VIEW_ACTIONS);
  }
}

// Accessibility fixes to the theme's own markup, which Planspor's templates do not produce:
// mkdocs-material's search is a role="dialog" without a name, its section navs are unnamed, and
// the scroll wrapper it puts
// around a wide table can be scrolled but not reached by keyboard. A wrapper that scrolls becomes
// a focusable region named by the heading above its table (WCAG 2.1.1, axe
// scrollable-region-focusable).
function fixThemeMarkup() {
  for (const dialog of document.querySelectorAll('.md-search[role="dialog"]:not([aria-label])')) {
    dialog.setAttribute("aria-label", PLANSPOR.messages.search);
  }
  // With navigation.indexes, a section's toggle is an empty <label> that also names the section's
  // <nav> (aria-labelledby): every section nav would be unnamed. The label takes the section's name.
  for (const label of document.querySelectorAll(".md-nav__container > label.md-nav__link")) {
    const link = label.parentElement.querySelector("a.md-nav__link");
    if (link && !label.textContent.trim() && !label.hasAttribute("aria-label")) {
      label.setAttribute("aria-label", link.textContent.trim());
    }
  }
  for (const wrap of document.querySelectorAll(".md-typeset__scrollwrap")) {
    const scrolls = wrap.scrollWidth > wrap.clientWidth + 1;
    if (scrolls && !wrap.hasAttribute("tabindex")) {
      wrap.setAttribute("tabindex", "0");
      wrap.setAttribute("role", "region");
      const heading = precedingHeading(wrap);
      if (heading && heading.id) {
        wrap.setAttribute("aria-labelledby", heading.id);
      } else {
        wrap.setAttribute("aria-label", PLANSPOR.messages.table);
      }
    } else if (!scrolls && wrap.getAttribute("role") === "region") {
      for (const name of ["tabindex", "role", "aria-labelledby", "aria-label"]) wrap.removeAttribute(name);
    }
  }
}

function precedingHeading(element) {
  for (let node = element; node && !node.matches(".md-content"); node = node.parentElement) {
    for (let sibling = node.previousElementSibling; sibling; sibling = sibling.previousElementSibling) {
      if (/^H[1-6]$/.test(sibling.tagName)) return sibling;
    }
  }
  return null;
}

let resizeTimer = null;
window.addEventListener("resize", () => {
  clearTimeout(resizeTimer);
  resizeTimer = setTimeout(fixThemeMarkup, 150);
});

// A page that adds charts after load (the PDF route appends the plan's KPI pages) asks for them
// to be drawn with this event.
document.addEventListener("planspor:render", () => renderAll());

function start() {
  watchPalette();
  fixThemeMarkup();
  renderAll();
}

// Opened from disk (file:), Material's document$ never emits (and there is no instant navigation).
if (location.protocol !== "file:" && typeof window.document$ !== "undefined" && window.document$.subscribe) {
  // Material's instant navigation emits on every page, including the first.
  window.document$.subscribe(start);
} else if (document.readyState === "loading") {
  document.addEventListener("DOMContentLoaded", start);
} else {
  start();
}
