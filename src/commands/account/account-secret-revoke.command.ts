import { z } from "zod";
import { defineCommand } from "../../core/commands/definition.ts";
import { UserError } from "../../core/errors.ts";
import { reply, text } from "../../core/view.ts";
import { maskSecret } from "../../accounts/api-secrets.ts";
import { revokeVonageSecret } from "./vonage-secrets.ts";
import { activeSecrets } from "./sandbox-secrets.ts";

export const accountSecretRevokeCommand = defineCommand({
  path: "account secret revoke",
  description: "Revoke an API secret (the last one cannot be revoked)",
  args: z.object({ id: z.string().trim() }),
  positional: ["id"],
  access: "api-keys",
  sideEffect: "destroy",
  needsAccount: true,
  async confirm(ctx, { id }) {
    return {
      title: "Revoke API secret",
      text:
        `Applications using the secret ${id} will stop working at once.` +
        (ctx.account.provider === "vonage" ? " If it is the secret Switchboard uses, relink afterwards with `account link`." : ""),
      confirmLabel: "Revoke",
    };
  },
  async handler(ctx, { id }) {
    const { account } = ctx;
    if (account.provider === "vonage") return revokeVonageSecret(ctx, account, id);
    const existing = await activeSecrets(ctx, account.id);
    const target = existing.find((s) => s.id === id);
    if (!target) {
      throw new UserError("unknown_secret", `The account has no active secret ${id}.`, {
        hint: `Active secrets: ${existing.map((s) => `${s.id} (${maskSecret(s.hint)})`).join(", ")}.`,
      });
    }
    if (existing.length === 1) {
      throw new UserError("last_secret", "That is the account's last API secret: it cannot be revoked.", {
        hint: "Create a new one first with `account secret create`, then revoke this one.",
      });
    }
    await ctx.services.db.apiSecret.update({ where: { id }, data: { revokedAt: ctx.clock.now() } });
    return reply([text(`Revoked ${id} (${maskSecret(target.hint)}).`, "success")]);
  },
});
