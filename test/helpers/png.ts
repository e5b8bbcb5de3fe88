// What a chart file must be: a real PNG (signature, IHDR first), of the size we drew, that a
// decoder reads back, with more than a blank page in it.
import { expect } from "vitest";
import { decode } from "fast-png";
import { Decimal } from "../../src/core/money.ts";
import type { ReadyFile } from "../../src/core/view.ts";
import { renderChart } from "../../src/charts/chart-renderer.ts";
import { balanceChartSpec } from "../../src/charts/balance-chart.ts";

export function expectChartPng(bytes: Buffer, width = 800, height = 400): void {
  expect(bytes.subarray(0, 8).toString("hex")).toBe("89504e470d0a1a0a");
  expect(bytes.subarray(12, 16).toString("latin1")).toBe("IHDR");
  expect(bytes.readUInt32BE(16)).toBe(width);
  expect(bytes.readUInt32BE(20)).toBe(height);
  const image = decode(bytes);
  expect([image.width, image.height]).toEqual([width, height]);
  // Bars, lines and text: many pixels are neither white nor one flat colour.
  const channels = image.channels;
  const colours = new Set<string>();
  let inked = 0;
  for (let i = 0; i < image.data.length; i += channels) {
    const [r, g, b] = [image.data[i]!, image.data[i + 1]!, image.data[i + 2]!];
    if (r < 240 || g < 240 || b < 240) inked++;
    if (i % (channels * 7) === 0) colours.add(`${r >> 4},${g >> 4},${b >> 4}`);
  }
  expect(inked).toBeGreaterThan(width * height * 0.02);
  expect(colours.size).toBeGreaterThan(4);
}

/** A real balance chart as a post carries it: the renderer's PNG, 800×400, with its alt text. */
export async function sampleChartFile(name = "balance-abcd1234-2026-01-15.png"): Promise<ReadyFile> {
  const euro = { code: "EUR", symbol: "€", convert: (v: Decimal.Value) => new Decimal(v) };
  const points = ["2026-01-13", "2026-01-14", "2026-01-15"].map((day, i) => ({ day, balance: new Decimal(30 - i * 9) }));
  const chart = await renderChart(balanceChartSpec({ points, projection: [], threshold: new Decimal(10), currency: euro, title: "Balance of Acme, last 30 days", subtitle: "€12.00 now" }));
  return { name, mimeType: "image/png", content: chart.png, title: "Balance of Acme, last 30 days", image: { width: chart.width, height: chart.height, alt: "Balance of Acme, last 30 days: runway about 1 day" } };
}
