import { z } from "zod";
import { defineCommand } from "../../core/commands/definition.ts";
import { UserError } from "../../core/errors.ts";
import { parseAmount } from "../../core/money.ts";
import { reply, text } from "../../core/view.ts";
import { resolveChannel, channelLabel } from "../../alerts/channel-address.ts";
import { resolvesAt } from "../../alerts/balance-alert-rules.ts";

const MAX_ALERTS = 20;
// Slack: <@U1>, <!subteam^S1>, <!here>; Discord: <@1>, <@&1>; or a plain @name.
const MENTION = /^(<@[!&]?[A-Za-z0-9]+>|<![A-Za-z0-9^|_-]+>|@[\w.-]+)$/;

export const alertsBalanceCommand = defineCommand({
  path: "alerts balance",
  description: "Post into a channel when the balance falls below a threshold (checked every hour)",
  examples: ["alerts balance 20", "alerts balance 5 #ops level:critical mention:@oncall"],
  args: z.object({
    threshold: z.string().min(1),
    channel: z.string().optional(),
    mention: z.string().optional(),
    level: z.enum(["warning", "critical"]).default("warning"),
  }),
  positional: ["threshold", "channel"],
  fields: {
    threshold: { label: "Threshold (EUR)", kind: "amount", placeholder: "20" },
    channel: { label: "Channel", hint: "Leave empty to post into this channel." },
    mention: { label: "Mention", hint: "A user, group or role to mention when the alert fires." },
  },
  access: "alerts",
  sideEffect: "write",
  needsAccount: true,
  async handler(ctx, args) {
    const { account } = ctx;
    const { alerts, ledger } = ctx.services;
    const threshold = parseAmount(args.threshold);
    if (!threshold || threshold.isZero()) {
      throw new UserError("bad_threshold", `"${args.threshold}" is not a threshold in euros.`, {
        hint: "Give an amount above zero, such as 20 or 7.50.",
        field: "threshold",
      });
    }
    if (args.mention && !MENTION.test(args.mention.trim())) {
      throw new UserError("bad_mention", `"${args.mention}" is not a mention.`, {
        hint: "Mention a user, group or role the way the chat writes it (@name), or leave it out.",
        field: "mention",
      });
    }
    const channel = resolveChannel(args.channel, ctx.invocation);
    const existing = await alerts.rules.ofAccount(account.id);
    if (existing.length >= MAX_ALERTS) {
      throw new UserError("too_many_alerts", `${account.companyName} already has ${MAX_ALERTS} balance alerts.`, {
        hint: "Remove one with `alerts remove <id>` first (`alerts list` shows them).",
      });
    }
    const same = existing.find((a) => a.threshold.equals(threshold) && a.channel === channel);
    if (same) {
      throw new UserError("duplicate_alert", `There is already an alert at ${(await alerts.money("EUR"))(threshold)} for that channel (${same.id}).`, {
        hint: `Remove it with \`alerts remove ${same.id}\` to change it.`,
      });
    }
    const alert = await alerts.rules.create({
      accountId: account.id,
      threshold,
      level: args.level,
      channel,
      mention: args.mention?.trim(),
      by: ctx.invocation.actor,
      at: ctx.clock.now(),
    });
    const money = await alerts.money(account.displayCurrency);
    const balance = await ledger.balance(account.id);
    const where = channel === ctx.invocation.channel ? "this channel" : channelLabel(channel);
    const lines = [
      text(`Balance alert ${alert.id} set: a ${alert.level} alert in ${where} when the balance of ${account.companyName} falls below ${money(threshold)}.`, "success"),
      text(
        `The balance is checked every hour. The alert posts once, is updated in place while the balance moves, ` +
          `resolves once the balance is back above ${money(resolvesAt(threshold))}, and posts anew if it falls below again after that.`,
        "muted",
      ),
    ];
    if (balance.lessThan(threshold)) lines.push(text(`The balance is ${money(balance)} now, already below: it fires at the next check.`, "warning"));
    return reply(lines);
  },
});
