import { z } from "zod";
import { defineCommand } from "../../core/commands/definition.ts";
import { UserError } from "../../core/errors.ts";
import { say } from "../../core/view.ts";
import { resolveChannel, channelLabel } from "../../alerts/channel-address.ts";
import { checkTimeZone, parseClockTime } from "../../alerts/quiet-hours.ts";

export const alertsQuietCommand = defineCommand({
  path: "alerts quiet",
  description: "Set a channel's quiet hours: warnings wait until they end, critical alerts do not",
  examples: ["alerts quiet 22:00 07:00 timezone:Europe/London", "alerts quiet off"],
  args: z.object({
    from: z.string().min(1),
    to: z.string().optional(),
    timezone: z.string().optional(),
    channel: z.string().optional(),
  }),
  positional: ["from", "to"],
  fields: {
    from: { label: "Quiet from", placeholder: "22:00", hint: "24-hour time, or off to remove quiet hours." },
    to: { label: "Quiet until", placeholder: "07:00" },
    timezone: { label: "Time zone", placeholder: "Europe/London", hint: "The channel's time zone (UTC if left empty)." },
  },
  access: "alerts",
  sideEffect: "write",
  needsAccount: true,
  async handler(ctx, args) {
    const channel = resolveChannel(args.channel, ctx.invocation);
    const where = channel === ctx.invocation.channel ? "this channel" : channelLabel(channel);
    const store = ctx.services.alerts.quietHours;
    if (args.from.trim().toLowerCase() === "off") {
      const cleared = await store.clear(channel);
      return say(cleared ? `Quiet hours removed: alerts post into ${where} at any time.` : `${capitalize(where)} has no quiet hours.`);
    }
    if (!args.to) throw new UserError("invalid_arguments", "Say when the quiet hours end.", { usage: "alerts quiet <from> <to> [timezone:…]", field: "to" });
    const startsAt = parseClockTime(args.from, "from");
    const endsAt = parseClockTime(args.to, "to");
    if (startsAt === endsAt) throw new UserError("empty_quiet_hours", "Quiet hours must start and end at different times.", { field: "to" });
    const timeZone = checkTimeZone(args.timezone ?? "UTC");
    await store.set(channel, { startsAt, endsAt, timeZone });
    return say(
      `Quiet hours for ${where}: ${startsAt} to ${endsAt} (${timeZone}). Warnings and events raised then are posted at ${endsAt}; critical alerts are posted at once.`,
    );
  },
});

const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
