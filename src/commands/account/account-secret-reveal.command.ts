import { z } from "zod";
import { defineCommand } from "../../core/commands/definition.ts";
import { fields, reply, text } from "../../core/view.ts";

const day = (date: Date) => date.toISOString().slice(0, 10);

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
    const { secrets, inUse, note } = await ctx.services.secretProviders.for(account).list(account);
    return reply([
      text("Only you can see this. Do not paste it into a channel.", "warning"),
      ...(inUse !== undefined ? [fields({ "Secret Switchboard uses": inUse ?? "none" })] : []),
      // A secret whose value the provider cannot show again is listed by id and date.
      fields(secrets.map((s) => (s.value !== undefined ? { label: `${s.id} (created ${day(s.createdAt)})`, value: s.value } : { label: `Secret ${s.id}`, value: `created ${day(s.createdAt)}` }))),
      ...(note ? [text(note, "muted")] : []),
    ]);
  },
});
