import { z } from "zod";
import { defineCommand } from "../../core/commands/definition.ts";
import { notFound } from "../../core/errors.ts";
import { say } from "../../core/view.ts";

export const alertsRemoveCommand = defineCommand({
  path: "alerts remove",
  description: "Remove a balance alert or an event subscription by its id",
  examples: ["alerts remove al_1a2b3c"],
  args: z.object({ id: z.string().min(1) }),
  positional: ["id"],
  access: "alerts",
  sideEffect: "write",
  needsAccount: true,
  async handler(ctx, { id }) {
    const { account } = ctx;
    const { alerts } = ctx.services;
    const removed = id.startsWith("sub_")
      ? await alerts.subscriptions.removeById(account.id, id)
      : await alerts.balance.remove(account, id, ctx.invocation.actorName, ctx.clock.now());
    if (!removed) throw notFound(`The alert ${id}`, "`alerts list` shows the alerts of this account and their ids.");
    return say(`Removed ${id}.`);
  },
});
