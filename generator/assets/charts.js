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

function start() {
  watchPalette();
  renderAll();
}

if (typeof window.document$ !== "undefined" && window.document$.subscribe) {
  // Material's instant navigation emits on every page, including the first.
  window.document$.subscribe(start);
} else if (document.readyState === "loading") {
  document.addEventListener("DOMContentLoaded", start);
} else {
  start();
}
