// The chart renderer's worker thread (chart-renderer.ts starts it on the first chart).
// Vega's compile, parse and layout and resvg's rasterising and PNG encoding cost 200–400 ms
// of CPU a chart: on the main thread that held every other user's command, and Slack's
// 3-second acks, for as long. Here they run beside the event loop.
//
// Plain JavaScript, so Node runs it as it is from the sources (tests, tsx) and from dist/
// (`npm start`; scripts/build.mjs builds it as its own entry point, beside the chunks).
// Messages: { id, spec } in, a sized Vega-Lite spec; { id, png, width, height } or
// { id, error } out.
import { parentPort, workerData } from "node:worker_threads";
import * as vega from "vega";
import { compile } from "vega-lite";
import { Resvg } from "@resvg/resvg-js";

/** @type {{ fontFiles: string[]; fontFamily: string }} */
const { fontFiles, fontFamily } = workerData;
const font = { loadSystemFonts: false, fontFiles, defaultFontFamily: fontFamily, sansSerifFamily: fontFamily };

parentPort?.on("message", async (/** @type {{ id: number; spec: object }} */ { id, spec }) => {
  try {
    const view = new vega.View(vega.parse(compile(/** @type {any} */ (spec)).spec), { renderer: "none" });
    let svg;
    try {
      svg = await view.toSVG();
    } finally {
      view.finalize();
    }
    const image = new Resvg(svg, { font, background: "white" }).render();
    parentPort?.postMessage({ id, png: image.asPng(), width: image.width, height: image.height });
  } catch (error) {
    parentPort?.postMessage({ id, error: error instanceof Error ? error.message : String(error) });
  }
});
