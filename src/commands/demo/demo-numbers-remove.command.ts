import { z } from "zod";
import { defineCommand } from "../../core/commands/definition.ts";
import { UserError } from "../../core/errors.ts";
import { say } from "../../core/view.ts";
import { phoneArg } from "../../accounts/validation.ts";

export const demoNumbersRemoveCommand = defineCommand({
  path: "demo numbers remove",
  description: "Remove a demo destination number",
  args: z.object({ phone: phoneArg }),
  positional: ["phone"],
  fields: { phone: { kind: "phone" } },
  access: "member",
  sideEffect: "write",
  needsAccount: true,
  async handler(ctx, { phone }) {
    const { account } = ctx;
    if (!(await ctx.services.demoNumbers.remove(account.id, phone))) throw new UserError("not_found", `${phone} is not a demo number of this account.`, { hint: "See them with `demo numbers list`." });
    return say(`Removed ${phone} from the demo numbers.`);
  },
});
