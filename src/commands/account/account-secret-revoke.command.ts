import { z } from "zod";
import { defineCommand } from "../../core/commands/definition.ts";
import { reply, text } from "../../core/view.ts";

export const accountSecretRevokeCommand = defineCommand({
  path: "account secret revoke",
  description: "Revoke an API secret (the last one cannot be revoked)",
  args: z.object({ id: z.string().trim() }),
  positional: ["id"],
  access: "api-keys",
  sideEffect: "destroy",
  needsAccount: true,
  async confirm(ctx, { id }) {
    const { account } = ctx;
    const warning = ctx.services.secretProviders.for(account).revokeWarning;
    return {
      title: "Revoke API secret",
      text:
        `Applications using the secret ${id} will stop working at once.` +
        (warning ? ` ${warning}` : ""),
      confirmLabel: "Revoke",
    };
  },
  async handler(ctx, { id }) {
    const { account } = ctx;
    const revoked = await ctx.services.secretProviders.for(account).revoke(account, id, ctx.clock.now());
    return reply([text(revoked.message, "success"), ...(revoked.warning ? [text(revoked.warning, "warning")] : [])]);
  },
});
