import { z } from "zod";
import { defineCommand } from "../../core/commands/definition.ts";
import { fields, reply } from "../../core/view.ts";

export const sandboxClockCommand = defineCommand({
  path: "sandbox clock",
  description: "Show your sandbox account's current time",
  args: z.object({}),
  access: "member",
  sideEffect: "read",
  needsAccount: true,
  async handler(ctx) {
    const { account } = ctx;
    const ahead = Number(account.clockOffsetMs) / 3_600_000;
    return reply([
      fields({
        "Sandbox time": ctx.clock.now().toISOString().slice(0, 16).replace("T", " ") + " UTC",
        "Ahead of real time": ahead === 0 ? "not at all" : `${ahead.toFixed(1)} hours`,
      }),
    ]);
  },
});
