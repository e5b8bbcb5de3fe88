import { z } from "zod";
import { defineCommand } from "../../core/commands/definition.ts";
import { fields, reply, text } from "../../core/view.ts";
import { revealVonageSecrets } from "./vonage-secrets.ts";
import { activeSecrets } from "./sandbox-secrets.ts";

/** Secrets are shown only ephemerally, to the requester, who needs the api-keys permission. */
export const accountSecretRevealCommand = defineCommand({
  path: "account secret reveal",
  description: "Show the account's API secrets, only to you",
  args: z.object({}),
  access: "api-keys",
  sideEffect: "read",
  needsAccount: true,
  async handler(ctx) {
    const { account } = ctx;
    if (account.provider === "vonage") return revealVonageSecrets(ctx, account);
    const secrets = await activeSecrets(ctx, account.id);
    return reply([
      text("Only you can see this. Do not paste it into a channel.", "warning"),
      fields(secrets.map((s) => ({ label: `${s.id} (created ${s.createdAt.toISOString().slice(0, 10)})`, value: ctx.services.secrets.open(s.secretEnc) }))),
    ]);
  },
});
