import { defineCommand } from "../../core/commands/definition.ts";
import { buttons, fields, header, reply, text, type Block, type FileOut } from "../../core/view.ts";
import type { Decimal } from "../../core/money.ts";
import { displayFor } from "../../billing/display-currency.ts";
import { periodSlug, previousPeriod, resolvePeriod } from "../../usage/usage-period.ts";
import type { Period, Ranked, UsageSummary } from "../../usage/usage-types.ts";
import { renderChart } from "../../charts/chart-renderer.ts";
import { chartCurrency } from "../../charts/chart-currency.ts";
import { usageChartSpec } from "../../charts/usage-chart.ts";
import { change, deliveryRate, limitsBlocks, plural } from "./usage-view.ts";
import { usagePeriodArgs, usagePeriodFields } from "./usage-args.ts";

/** What the account's API use came to over a period: counts, cost, delivery, where, why it failed. */
export const usageCommand = defineCommand({
  path: "usage",
  description: "Messages and calls, cost, delivery rate, top destinations and failures over a period, with a chart",
  examples: ["usage", "usage today", "usage 30d", "usage month", "usage from:2026-01-01 to:2026-01-31"],
  args: usagePeriodArgs,
  positional: ["period"],
  fields: usagePeriodFields,
  access: "member",
  sideEffect: "read",
  needsAccount: true,
  async handler(ctx, args) {
    const { account } = ctx;
    const period = resolvePeriod(ctx.clock.now(), args.period, args.from, args.to);
    const source = ctx.services.usage.sourceFor(account, ctx.clock);
    const summary = await source.summary(period);
    const before = await source.totals(previousPeriod(period));
    const display = await displayFor(ctx.services.billing.fx, account.displayCurrency, ctx.clock);
    const money = (eur: Decimal) => display.format(eur);
    const t = summary.totals;
    const blocks: Block[] = [
      header(`Usage of ${account.companyName} · ${period.label}`),
      fields({
        SMS: `${plural(t.smsSent, "sent", "sent")} (${plural(t.parts, "part")}), ${plural(t.smsReceived, "received", "received")}`,
        Calls: `${plural(t.callsMade, "made", "made")}, ${plural(t.callsReceived, "received", "received")}`,
        Cost: `${money(t.cost)} (previous period ${money(before.cost)}, ${change(t.cost.toNumber(), before.cost.toNumber())})`,
        Messages: `${t.smsSent + t.callsMade} outbound (previous period ${before.smsSent + before.callsMade}, ${change(t.smsSent + t.callsMade, before.smsSent + before.callsMade)})`,
        "Delivery rate": deliveryRate(t),
      }),
      ...rankedBlock("Top destination countries", summary.topCountries, money),
      ...rankedBlock("Top destination numbers", summary.topNumbers, money),
    ];
    if (summary.failureReasons.length) {
      blocks.push(text(`*Failure reasons*\n${summary.failureReasons.map((f) => `${f.reason}: ${plural(f.count, "message")}`).join("\n")}`));
    }
    if (display.note) blocks.push(text(display.note, "muted"));
    blocks.push(...limitsBlocks(source.limits));
    const files = await chartFiles(summary, period, display, `Spend of ${account.companyName}, ${period.label}`, `usage-${account.apiKey}-${periodSlug(period)}.png`);
    if (files.length === 0) blocks.push(text("Nothing was spent in this period, so there is no chart.", "muted"));
    blocks.push(
      buttons(
        { label: "Search the records", action: { command: "usage search", args: { account: account.id } } },
        { label: "Export", action: { command: "usage export", args: { ...periodArgs(args), account: account.id } } },
        ...(["today", "7d", "30d", "month"] as const)
          .filter((p) => p !== (args.period ?? (args.from || args.to ? undefined : "7d")))
          .map((p) => ({ label: p === "7d" ? "7 days" : p === "30d" ? "30 days" : p === "month" ? "This month" : "Today", action: { command: "usage", args: { period: p, account: account.id } } })),
      ),
    );
    return reply(blocks, { files });
  },
});

function periodArgs(args: { period?: string; from?: Date; to?: Date }): Record<string, string> {
  const day = (d: Date) => d.toISOString().slice(0, 10);
  return { ...(args.period ? { period: args.period } : {}), ...(args.from ? { from: day(args.from) } : {}), ...(args.to ? { to: day(args.to) } : {}) };
}

function rankedBlock(title: string, ranked: Ranked[], money: (eur: Decimal) => string): Block[] {
  if (ranked.length === 0) return [];
  return [text(`*${title}*\n${ranked.map((r) => `${r.key}: ${plural(r.count, "message")}, ${money(r.cost)}`).join("\n")}`)];
}

async function chartFiles(summary: UsageSummary, period: Period, display: Parameters<typeof chartCurrency>[0], title: string, name: string): Promise<FileOut[]> {
  if (summary.daily.length === 0) return [];
  const chart = await renderChart(usageChartSpec(summary.daily, period, chartCurrency(display), title));
  return [{ name, mimeType: "image/png", content: chart.png, title, image: { width: chart.width, height: chart.height, alt: `${title}: spend per day` } }];
}
