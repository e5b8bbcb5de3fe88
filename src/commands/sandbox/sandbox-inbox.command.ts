import { z } from "zod";
import { defineCommand } from "../../core/commands/definition.ts";
import { fields, header, reply, text } from "../../core/view.ts";
import type { CommandContext } from "../../core/commands/context.ts";

/** The simulated phone network's messages of the reader's own accounts, and the sign-up PINs they asked for. */
export const sandboxInboxCommand = defineCommand({
  path: "sandbox inbox",
  description: "Read the simulated SMS and calls the sandbox sent (PINs, messages from sms send)",
  args: z.object({}),
  access: "anyone",
  sideEffect: "read",
  needsAccount: false,
  async handler(ctx) {
    const messages = await ctx.services.inbox.read({ accountIds: await accountsOf(ctx), identity: ctx.invocation.actor });
    if (messages.length === 0) {
      return reply([text("The sandbox inbox is empty. PINs from `account signup` and `demo numbers add`, and messages from `sms send`, arrive here.")]);
    }
    return reply([
      header("Sandbox inbox (simulated: no real SMS or call was made)"),
      fields(
        messages.map((m) => ({
          label: `${m.kind === "sms" ? "SMS" : "Call"} to ${m.phone} at ${m.createdAt.toISOString().slice(0, 16).replace("T", " ")}`,
          value: m.text,
        })),
      ),
    ]);
  },
});

/** The accounts this person is a user of. */
async function accountsOf(ctx: CommandContext): Promise<string[]> {
  if (!ctx.personId) return [];
  return ctx.services.members.accountIdsOf(ctx.personId);
}
