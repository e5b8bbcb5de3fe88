import { z } from "zod";
import { defineCommand } from "../../core/commands/definition.ts";
import { notFound } from "../../core/errors.ts";
import { say } from "../../core/view.ts";
import { resolveChannel, channelLabel } from "../../alerts/channel-address.ts";
import { eventLabel, parseEventTypes } from "../../alerts/event-names.ts";
import { splitEventsAndChannel } from "./event-words.ts";

export const alertsUnsubscribeCommand = defineCommand({
  path: "alerts unsubscribe",
  description: "Stop posting some or all account events into a channel",
  examples: ["alerts unsubscribe", "alerts unsubscribe users", "alerts unsubscribe all <#C0123>"],
  args: z.object({ events: z.string().optional(), channel: z.string().optional() }),
  positional: ["events"],
  restPositional: true,
  access: "alerts",
  sideEffect: "write",
  needsAccount: true,
  async handler(ctx, args) {
    const { account } = ctx;
    const { words, channel: typed } = splitEventsAndChannel(args.events, args.channel);
    const channel = resolveChannel(typed, ctx.invocation);
    const types = words.length > 0 ? parseEventTypes(words) : undefined;
    const result = await ctx.services.alerts.subscriptions.unsubscribe(account.id, channel, types);
    const where = channel === ctx.invocation.channel ? "This channel" : channelLabel(channel);
    if (!result.found) {
      throw notFound(`A subscription of ${where === "This channel" ? "this channel" : where} to events`, "`alerts list` shows the subscriptions.");
    }
    if (result.remaining.length === 0) return say(`${where} no longer receives events of ${account.companyName}.`);
    return say(`${where} still receives: ${result.remaining.map(eventLabel).join(", ")}.`);
  },
});
