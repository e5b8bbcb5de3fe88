// Pieces of the usage replies: a record as one line, counts and percentages, the change
// from the previous period, and what the source cannot answer.
import dayjs from "dayjs";
import utc from "dayjs/plugin/utc.js";
import type { Decimal } from "../../core/money.ts";
import { text, type Block } from "../../core/view.ts";
import type { UsageRecord, UsageTotals } from "../../usage/usage-types.ts";

dayjs.extend(utc);

export const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString("en")} ${n === 1 ? one : many}`;

export function recordLine(r: UsageRecord, money: (eur: Decimal) => string): string {
  const when = dayjs.utc(r.createdAt).format("D MMM HH:mm");
  const kind = r.product === "sms" ? "SMS" : "Call";
  const route = r.direction === "outbound" ? `to ${r.to}` : `from ${r.from} to ${r.to}`;
  const where = [r.country, r.networkName].filter(Boolean).join(", ");
  const status = r.status === "failed" ? `failed: ${r.failureReason ?? "no reason given"}` : r.status;
  const parts = r.product === "sms" ? ` · ${plural(r.parts, "part")}` : "";
  const demo = r.demo ? " · DEMO" : "";
  const preview = r.text ? `\n    “${r.text.length > 60 ? `${r.text.slice(0, 59)}…` : r.text}”` : "";
  return `*${when} UTC* ${kind} ${route} (${where}) · ${status}${parts} · ${money(r.price)}${demo} · ${r.id}${preview}`;
}

/** Delivered share of the outbound messages that have a receipt. */
export function deliveryRate(t: UsageTotals): string {
  const settled = t.delivered + t.failed;
  if (settled === 0) return t.pending ? `no receipts yet (${plural(t.pending, "message")} awaiting one)` : "nothing sent";
  // Rounded down: one failure in thousands must not read as 100%.
  const rate = (Math.floor((t.delivered / settled) * 1000) / 10).toFixed(1);
  const pending = t.pending ? `, ${t.pending} without a receipt` : "";
  return `${rate}% (${t.delivered} delivered, ${t.failed} failed${pending})`;
}

export function change(now: number, before: number): string {
  if (before === 0) return now === 0 ? "no change" : "none before";
  const pct = ((now - before) / before) * 100;
  return `${pct >= 0 ? "+" : ""}${pct.toFixed(0)}%`;
}

export function limitsBlocks(limits: string[]): Block[] {
  return limits.map((limit) => text(limit, "muted"));
}
