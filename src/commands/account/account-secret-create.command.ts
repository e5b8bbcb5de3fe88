import { z } from "zod";
import { defineCommand } from "../../core/commands/definition.ts";
import { UserError } from "../../core/errors.ts";
import { fields, reply, text } from "../../core/view.ts";
import { newId } from "../../core/ids.ts";
import { MAX_SECRETS, assertValidSecret, generateSecret } from "../../accounts/api-secrets.ts";
import { createVonageSecret } from "./vonage-secrets.ts";
import { activeSecrets } from "./sandbox-secrets.ts";

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
    if (account.provider === "vonage") return createVonageSecret(ctx, account, args);
    const existing = await activeSecrets(ctx, account.id);
    if (existing.length >= MAX_SECRETS) {
      throw new UserError("too_many_secrets", `An account has at most ${MAX_SECRETS} API secrets at a time.`, {
        hint: `Revoke one first: \`account secret revoke ${existing[0]!.id}\`.`,
      });
    }
    const secret = args.secret ?? generateSecret();
    assertValidSecret(secret);
    const id = newId("sec");
    await ctx.services.db.apiSecret.create({
      data: { id, accountId: account.id, secretEnc: ctx.services.secrets.seal(secret), hint: secret.slice(-4), createdAt: ctx.clock.now() },
    });
    return reply([
      text("New API secret created, shown only to you (`account secret reveal` shows it again later):", "success"),
      fields({ Id: id, Secret: secret }),
    ]);
  },
});
