import { z } from "zod";
import dayjs from "dayjs";
import utc from "dayjs/plugin/utc.js";
import { defineCommand } from "../../core/commands/definition.ts";
import { header, reply, text } from "../../core/view.ts";
import type { Block } from "../../core/view.ts";
import { channelLabel } from "../../alerts/channel-address.ts";
import { eventLabel } from "../../alerts/event-names.ts";
import type { BalanceAlertRecord } from "../../alerts/balance-alert-repo.ts";
import type { MoneyFormatter } from "../../alerts/display-money.ts";
import { resolvesAt } from "../../alerts/balance-alert-rules.ts";

dayjs.extend(utc);

const PAGE_SIZE = 10;

export const alertsListCommand = defineCommand({
  path: "alerts list",
  description: "The balance alerts, event subscriptions and quiet hours of this account",
  args: z.object({ page: z.coerce.number().int().min(1).default(1) }),
  access: "alerts",
  sideEffect: "read",
  needsAccount: true,
  async handler(ctx, { page }) {
    const { account } = ctx;
    const { alerts } = ctx.services;
    const [rules, subscriptions] = await Promise.all([alerts.rules.ofAccount(account.id), alerts.subscriptions.ofAccount(account.id)]);
    if (rules.length === 0 && subscriptions.length === 0) {
      return reply([
        text(`${account.companyName} has no alerts yet.`),
        text("Try `alerts balance 20` (a warning below €20 in this channel) or `alerts subscribe numbers payments`.", "muted"),
      ]);
    }
    const money = await alerts.money(account.displayCurrency);
    const quiet = await alerts.quietHours.forChannels([...new Set([...rules, ...subscriptions].map((x) => x.channel))]);
    const here = ctx.invocation.channel;
    const where = (channel: string) => (channel === here ? "this channel" : channelLabel(channel));
    const lines = [
      ...rules.map((r) => `\`${r.id}\` ${r.level} below ${money(r.threshold)} → ${where(r.channel)}${r.mention ? ` (${r.mention})` : ""}: ${stateText(r, money, ctx.clock.now())}`),
      ...subscriptions.map((s) => `\`${s.id}\` events → ${where(s.channel)}: ${s.types.map(eventLabel).join(", ")}`),
      ...[...quiet].map(([channel, q]) => `Quiet hours in ${where(channel)}: ${q.startsAt}–${q.endsAt} ${q.timeZone}`),
    ];
    const pageCount = Math.max(1, Math.ceil(lines.length / PAGE_SIZE));
    const current = Math.min(page, pageCount);
    const blocks: Block[] = [
      header(`Alerts · ${account.companyName}`),
      ...lines.slice((current - 1) * PAGE_SIZE, current * PAGE_SIZE).map((line) => text(line)),
    ];
    return reply(blocks, {
      pagination: {
        page: current,
        pageCount,
        previous: current > 1 ? { command: "alerts list", args: { page: current - 1, account: account.id } } : undefined,
        next: current < pageCount ? { command: "alerts list", args: { page: current + 1, account: account.id } } : undefined,
      },
    });
  },
});

function stateText(alert: BalanceAlertRecord, money: MoneyFormatter, now: Date): string {
  const at = (d: Date | null) => (d ? dayjs.utc(d).format("D MMM HH:mm") : "");
  const parts =
    alert.state === "firing"
      ? [`firing since ${at(alert.firedAt)} UTC`, alert.shownBalance ? `balance ${money(alert.shownBalance)}` : "", `resolves above ${money(resolvesAt(alert.threshold))}`]
      : alert.state === "resolved"
        ? [`resolved ${at(alert.resolvedAt)} UTC, fires again below ${money(alert.threshold)}`]
        : ["armed"];
  if (alert.ackedAt && alert.state === "firing") parts.push(`acknowledged by ${alert.ackedBy}`);
  if (alert.snoozedUntil && alert.snoozedUntil > now) parts.push(`snoozed until ${at(alert.snoozedUntil)} UTC`);
  return parts.filter(Boolean).join(", ");
}
