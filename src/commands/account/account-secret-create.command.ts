import { z } from "zod";
import { defineCommand } from "../../core/commands/definition.ts";
import { fields, reply, text } from "../../core/view.ts";

export const accountSecretCreateCommand = defineCommand({
  path: "account secret create",
  description: "Add an API secret (at most 2 at a time); shown only to you",
  examples: ["account secret create", "account secret create secret:MyS3cretValue", "account secret create use:yes"],
  args: z.object({ secret: z.string().optional(), use: z.enum(["yes", "no"]).optional() }),
  fields: {
    secret: { label: "New secret (leave empty to generate one)", sensitive: true },
    use: { label: "Vonage accounts: make Switchboard use the new secret" },
  },
  access: "api-keys",
  sideEffect: "write",
  secretReply: true,
  needsAccount: true,
  async handler(ctx, args) {
    const { account } = ctx;
    const created = await ctx.services.secretProviders.for(account).create(account, { secret: args.secret, use: args.use === "yes", at: ctx.clock.now() });
    return reply([
      text(created.message, "success"),
      fields({ Id: created.id, Secret: created.secret }),
      ...(created.note ? [text(created.note, "muted")] : []),
    ]);
  },
});
