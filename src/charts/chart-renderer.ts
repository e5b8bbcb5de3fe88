// Charts drawn on the server, as PNG files chat platforms show inline: a Vega-Lite spec is
// compiled to Vega, rendered headless to SVG (no canvas, no native build), and rasterised
// by resvg, whose prebuilt binary is an npm optional dependency. resvg draws text only
// with the fonts it is given: DejaVu Sans from an npm package, never the system's fonts,
// so a chart looks the same on every machine.
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

/** The spec is sized to CHART_WIDTH × CHART_HEIGHT (autosize fit): the PNG is exactly that. */
export async function renderChart(spec: TopLevelSpec): Promise<RenderedChart> {
  // Loaded on first use: vega and resvg add noticeable time to every start-up otherwise.
  const [vega, { compile }, { Resvg }] = await Promise.all([import("vega"), import("vega-lite"), import("@resvg/resvg-js")]);
  const sized = { ...spec, width: CHART_WIDTH, height: CHART_HEIGHT, autosize: { type: "fit", contains: "padding" }, config: { ...CHART_CONFIG, ...spec.config } } as TopLevelSpec;
  const view = new vega.View(vega.parse(compile(sized).spec), { renderer: "none" });
  try {
    const svg = await view.toSVG();
    const resvg = new Resvg(svg, {
      font: { loadSystemFonts: false, fontFiles: FONT_FILES, defaultFontFamily: CHART_FONT, sansSerifFamily: CHART_FONT },
      background: "white",
    });
    const image = resvg.render();
    return { png: Buffer.from(image.asPng()), svg, width: image.width, height: image.height };
  } finally {
    view.finalize();
  }
}
