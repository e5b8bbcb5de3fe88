// Charts drawn on the server, as PNG files chat platforms show inline: a Vega-Lite spec is
// compiled to Vega, rendered headless to SVG (no canvas, no native build), and rasterised
// by resvg, whose prebuilt binary is an npm optional dependency. resvg draws text only
// with the fonts it is given: DejaVu Sans from an npm package, never the system's fonts,
// so a chart looks the same on every machine.
import { createHash } from "node:crypto";
import { createRequire } from "node:module";
import type { TopLevelSpec } from "vega-lite";

export const CHART_WIDTH = 800;
export const CHART_HEIGHT = 400;
export const CHART_FONT = "DejaVu Sans";

/** Okabe–Ito: distinguishable with every common colour-vision deficiency. */
export const COLOUR_BLIND_SAFE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"];

const require = createRequire(import.meta.url);
const FONT_FILES = ["DejaVuSans.ttf", "DejaVuSans-Bold.ttf"].map((file) => require.resolve(`dejavu-fonts-ttf/ttf/${file}`));

/** Size, font and palette every chart shares: readable at chat size. */
export const CHART_CONFIG = {
  font: CHART_FONT,
  background: "white",
  padding: 12,
  range: { category: COLOUR_BLIND_SAFE },
  axis: { labelFontSize: 12, titleFontSize: 13, labelColor: "#333", titleColor: "#333", gridColor: "#e6e6e6" },
  legend: { labelFontSize: 12, titleFontSize: 12, orient: "bottom" as const, direction: "horizontal" as const },
  title: { fontSize: 16, anchor: "start" as const, color: "#111" },
  view: { stroke: null },
};

export interface RenderedChart {
  png: Buffer;
  svg: string;
  width: number;
  height: number;
}

/**
 * Rendering costs 200–400 ms of CPU (Vega's compile, parse and layout, then rasterising
 * and PNG encoding), and a team asks for the same picture again and again: `billing
 * balance` run twice without a ledger change draws the same chart. So finished charts are
 * kept by a hash of their sized spec (data, title and currency included), the most recent
 * CHART_CACHE_ENTRIES of them (≈ 100 kB each), and a render already under way is shared
 * by whoever asks for the same chart meanwhile.
 */
export const CHART_CACHE_ENTRIES = 64;
const charts = new Map<string, Promise<RenderedChart>>();

/** The spec is sized to CHART_WIDTH × CHART_HEIGHT (autosize fit): the PNG is exactly that. */
export function renderChart(spec: TopLevelSpec): Promise<RenderedChart> {
  const sized = { ...spec, width: CHART_WIDTH, height: CHART_HEIGHT, autosize: { type: "fit", contains: "padding" }, config: { ...CHART_CONFIG, ...spec.config } } as TopLevelSpec;
  const key = createHash("sha256").update(JSON.stringify(sized)).digest("base64url");
  const known = charts.get(key);
  if (known) {
    // Most recently used last: the Map's insertion order is the eviction order.
    charts.delete(key);
    charts.set(key, known);
    return known;
  }
  const rendering = draw(sized);
  charts.set(key, rendering);
  if (charts.size > CHART_CACHE_ENTRIES) charts.delete(charts.keys().next().value!);
  // A failed render is not kept: the next request tries again.
  rendering.catch(() => charts.get(key) === rendering && charts.delete(key));
  return rendering;
}

async function draw(sized: TopLevelSpec): Promise<RenderedChart> {
  // Loaded on first use: vega and resvg add noticeable time to every start-up otherwise.
  const [vega, { compile }, { renderAsync }] = await Promise.all([import("vega"), import("vega-lite"), import("@resvg/resvg-js")]);
  const view = new vega.View(vega.parse(compile(sized).spec), { renderer: "none" });
  let svg: string;
  try {
    svg = await view.toSVG();
  } finally {
    view.finalize();
  }
  // Rasterised on libuv's thread pool, not the event loop: other users' commands (and
  // Slack's 3-second acks) go on meanwhile.
  const image = await renderAsync(svg, {
    font: { loadSystemFonts: false, fontFiles: FONT_FILES, defaultFontFamily: CHART_FONT, sansSerifFamily: CHART_FONT },
    background: "white",
  });
  return { png: Buffer.from(image.asPng()), svg, width: image.width, height: image.height };
}
