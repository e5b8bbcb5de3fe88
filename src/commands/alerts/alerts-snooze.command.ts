import { z } from "zod";
import dayjs from "dayjs";
import utc from "dayjs/plugin/utc.js";
import { defineCommand } from "../../core/commands/definition.ts";
import { say } from "../../core/view.ts";

dayjs.extend(utc);

export const alertsSnoozeCommand = defineCommand({
  path: "alerts snooze",
  description: "Snooze a balance alert for 24 hours: no new posts for it until then",
  examples: ["alerts snooze al_1a2b3c"],
  args: z.object({ id: z.string().min(1) }),
  positional: ["id"],
  access: "alerts",
  sideEffect: "write",
  needsAccount: true,
  async handler(ctx, { id }) {
    const { account } = ctx;
    const alert = await ctx.services.alerts.balance.snooze(account, id, ctx.clock.now());
    return say(`Snoozed ${alert.id} until ${dayjs.utc(alert.snoozedUntil!).format("D MMM HH:mm")} UTC.`);
  },
});
