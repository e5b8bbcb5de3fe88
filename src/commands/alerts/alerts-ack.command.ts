import { z } from "zod";
import { defineCommand } from "../../core/commands/definition.ts";
import { say } from "../../core/view.ts";

export const alertsAckCommand = defineCommand({
  path: "alerts ack",
  description: "Acknowledge a firing balance alert: its message shows who is on it",
  examples: ["alerts ack al_1a2b3c"],
  args: z.object({ id: z.string().min(1) }),
  positional: ["id"],
  access: "alerts",
  sideEffect: "write",
  needsAccount: true,
  async handler(ctx, { id }) {
    const { account } = ctx;
    const alert = await ctx.services.alerts.balance.acknowledge(account, id, ctx.invocation.actorName, ctx.clock.now());
    return say(`Acknowledged ${alert.id}: the alert message shows it.`);
  },
});
