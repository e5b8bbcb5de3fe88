import { z } from "zod";
import { defineCommand } from "../../core/commands/definition.ts";
import { requireAccount } from "../../core/commands/context.ts";
import { UserError } from "../../core/errors.ts";
import { fields, reply, text } from "../../core/view.ts";
import { newId } from "../../core/ids.ts";
import { MAX_SECRETS, assertValidSecret, generateSecret, maskSecret } from "../../accounts/api-secrets.ts";
import type { CommandContext } from "../../core/commands/context.ts";
import { createVonageSecret, revealVonageSecrets, revokeVonageSecret } from "../vonage/vonage-secrets.ts";

const activeSecrets = (ctx: CommandContext, accountId: string) =>
  ctx.services.db.apiSecret.findMany({
    where: { accountId, revokedAt: null },
    select: { id: true, hint: true, secretEnc: true, createdAt: true },
    orderBy: { createdAt: "asc" },
  });

/** Secrets are shown only ephemerally, to the requester, who needs the api-keys permission. */
export const accountSecretRevealCommand = defineCommand({
  path: "account secret reveal",
  description: "Show the account's API secrets, only to you",
  args: z.object({}),
  access: "api-keys",
  sideEffect: "read",
  needsAccount: true,
  async handler(ctx) {
    const account = requireAccount(ctx);
    if (account.provider === "vonage") return revealVonageSecrets(ctx, account);
    const secrets = await activeSecrets(ctx, account.id);
    return reply([
      text("Only you can see this. Do not paste it into a channel.", "warning"),
      fields(secrets.map((s) => ({ label: `${s.id} (created ${s.createdAt.toISOString().slice(0, 10)})`, value: ctx.services.secrets.open(s.secretEnc) }))),
    ]);
  },
});

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
    const account = requireAccount(ctx);
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
        (requireAccount(ctx).provider === "vonage" ? " If it is the secret Switchboard uses, relink afterwards with `account link`." : ""),
      confirmLabel: "Revoke",
    };
  },
  async handler(ctx, { id }) {
    const account = requireAccount(ctx);
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
