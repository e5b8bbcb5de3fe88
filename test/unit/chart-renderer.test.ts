// The chart renderer: a real 800×400 PNG, drawn once per distinct chart. The same spec
// asked for again (or while it is being drawn) is the same picture, not a second render;
// different data is a different picture; a spec that cannot be drawn is not remembered.
import { describe, expect, it } from "vitest";
import type { TopLevelSpec } from "vega-lite";
import { Decimal } from "../../src/core/money.ts";
import { CHART_CACHE_ENTRIES, renderChart } from "../../src/charts/chart-renderer.ts";
import { balanceChartSpec } from "../../src/charts/balance-chart.ts";
import { expectChartPng } from "../helpers/png.ts";

const euro = { code: "EUR", symbol: "€", convert: (v: Decimal.Value) => new Decimal(v) };
const spec = (last: number, title = "Balance of Acme, last 30 days") =>
  balanceChartSpec({
    points: ["2026-01-13", "2026-01-14", "2026-01-15"].map((day, i) => ({ day, balance: new Decimal(i === 2 ? last : 30 - i * 9) })),
    projection: [],
    threshold: new Decimal(10),
    currency: euro,
    title,
    subtitle: `€${last} now`,
  });

describe("renderChart", () => {
  it("draws a chart once and hands the same picture to whoever asks for it again, even meanwhile", async () => {
    const [first, meanwhile] = await Promise.all([renderChart(spec(12, "cache test A")), renderChart(spec(12, "cache test A"))]);
    expectChartPng(first.png);
    expect(meanwhile).toBe(first);
    expect(await renderChart(spec(12, "cache test A"))).toBe(first);
  });

  it("draws a new picture when the data changes", async () => {
    const before = await renderChart(spec(12, "cache test B"));
    const after = await renderChart(spec(3, "cache test B"));
    expect(after).not.toBe(before);
    expect(after.png.equals(before.png)).toBe(false);
    expectChartPng(after.png);
  });

  it("keeps only the most recent charts", async () => {
    const oldest = await renderChart(spec(1, "cache test C"));
    // Each distinct title is a distinct chart; rendering them pushes the oldest out.
    for (let i = 0; i < CHART_CACHE_ENTRIES; i++) await renderChart(spec(1, `cache test C ${i}`));
    expect(await renderChart(spec(1, "cache test C"))).not.toBe(oldest);
  }, 120_000);

  it("does not remember a spec it could not draw", async () => {
    const broken = { mark: "no-such-mark", data: { values: [] } } as unknown as TopLevelSpec;
    const failing = renderChart(broken);
    await expect(failing).rejects.toThrow();
    expect(renderChart(broken)).not.toBe(failing);
    await renderChart(broken).catch(() => undefined);
  });
});
