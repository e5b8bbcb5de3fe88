// Charts drawn on the server, as PNG files chat platforms show inline: a Vega-Lite spec is
// compiled to Vega, rendered headless to SVG (no canvas, no native build), and rasterised
// by resvg, whose prebuilt binary is an npm optional dependency; both in a worker thread
// (chart-worker.js), off the event loop that answers commands. resvg draws text only
// with the fonts it is given: DejaVu Sans from an npm package, never the system's fonts,
// so a chart looks the same on every machine.
import { createHash } from "node:crypto";
import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";
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

/**
 * The worker thread that draws (chart-worker.js), started on the first chart and kept: one
 * at a time, so charts never take more than one core from the commands. It holds the process
 * open only while a chart is being drawn; if it dies, what it was drawing fails and the next
 * chart starts a new one.
 */
class ChartWorker {
  private worker?: Worker;
  private nextId = 0;
  private readonly waiting = new Map<number, { resolve(chart: RenderedChart): void; reject(error: Error): void }>();

  draw(spec: TopLevelSpec): Promise<RenderedChart> {
    const worker = (this.worker ??= this.start());
    const id = ++this.nextId;
    const drawn = new Promise<RenderedChart>((resolve, reject) => this.waiting.set(id, { resolve, reject }));
    if (this.waiting.size === 1) worker.ref();
    worker.postMessage({ id, spec });
    return drawn;
  }

  private start(): Worker {
    const worker = new Worker(new URL("./chart-worker.js", import.meta.url), { workerData: { fontFiles: FONT_FILES, fontFamily: CHART_FONT } });
    worker.unref();
    worker.on("message", (answer: WorkerAnswer) => {
      const waiter = this.waiting.get(answer.id);
      if (!waiter) return;
      this.settled(worker, answer.id);
      if ("error" in answer) waiter.reject(new Error(`the chart could not be drawn: ${answer.error}`));
      else waiter.resolve({ png: Buffer.from(answer.png), width: answer.width, height: answer.height });
    });
    const failAll = (error: Error) => {
      if (this.worker === worker) this.worker = undefined;
      for (const [id, waiter] of this.waiting) {
        this.waiting.delete(id);
        waiter.reject(error);
      }
    };
    worker.on("error", (error) => failAll(new Error(`the chart worker failed: ${error.message}`)));
    worker.on("exit", (code) => failAll(new Error(`the chart worker stopped (exit code ${code})`)));
    return worker;
  }

  private settled(worker: Worker, id: number): void {
    this.waiting.delete(id);
    if (this.waiting.size === 0) worker.unref();
  }
}

type WorkerAnswer = { id: number; png: Uint8Array; width: number; height: number } | { id: number; error: string };

const chartWorker = new ChartWorker();

function draw(sized: TopLevelSpec): Promise<RenderedChart> {
  return chartWorker.draw(sized);
}
