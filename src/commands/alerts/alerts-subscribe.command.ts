import { z } from "zod";
import { defineCommand } from "../../core/commands/definition.ts";
import { UserError } from "../../core/errors.ts";
import { reply, text } from "../../core/view.ts";
import { resolveChannel, channelLabel } from "../../alerts/channel-address.ts";
import { eventLabel, parseEventTypes } from "../../alerts/event-names.ts";
import { splitEventsAndChannel } from "./event-words.ts";

export const alertsSubscribeCommand = defineCommand({
  path: "alerts subscribe",
  description: "Post account events into a channel: numbers, auto-reload, payments, invoices, users, webhooks, approvals",
  examples: ["alerts subscribe numbers payments", "alerts subscribe renewal-failed autoreload.failed <#C0123>", "alerts subscribe all"],
  args: z.object({ events: z.string().min(1), channel: z.string().optional() }),
  positional: ["events"],
  restPositional: true,
  fields: {
    events: { label: "Events", hint: "Event types or groups: numbers, autoreload, payments, invoices, users, webhooks, all." },
    channel: { label: "Channel", hint: "Leave empty to post into this channel." },
  },
  access: "alerts",
  sideEffect: "write",
  needsAccount: true,
  async handler(ctx, args) {
    const { account } = ctx;
    const { words, channel: typed } = splitEventsAndChannel(args.events, args.channel);
    if (words.length === 0) throw new UserError("no_events", "Say which events to post.", { hint: "For example: `alerts subscribe numbers payments`.", field: "events" });
    const types = parseEventTypes(words);
    const channel = resolveChannel(typed, ctx.invocation);
    const subscription = await ctx.services.alerts.subscriptions.subscribe({
      accountId: account.id,
      channel,
      types,
      by: ctx.invocation.actor,
      at: ctx.clock.now(),
    });
    const where = channel === ctx.invocation.channel ? "This channel" : channelLabel(channel);
    return reply([
      text(`${where} now receives these events of ${account.companyName}: ${subscription.types.map(eventLabel).join(", ")}.`, "success"),
      text(`Subscription ${subscription.id}. Quiet hours hold back all but failed renewals and failed auto-reloads (\`alerts quiet\`).`, "muted"),
    ]);
  },
});
