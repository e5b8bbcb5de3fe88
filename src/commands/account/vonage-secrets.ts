// `account secret reveal|create|revoke` on a Vonage account: Vonage's Account API is the
// judge (2 secrets at most, the last one stays, its complexity rules). Its API lists
// secrets by id only, so the only value Switchboard can show is the one it stores.
import type { CommandContext } from "../../core/commands/context.ts";
import type { AccountRecord } from "../../accounts/directory.ts";
import { fields, reply, text, type Reply } from "../../core/view.ts";
import { generateSecret } from "../../accounts/api-secrets.ts";
import { isProviderError } from "../../providers/provider-error.ts";
import { dashboardLink } from "../../providers/dashboard-links.ts";

const day = (date: Date) => date.toISOString().slice(0, 10);

export async function revealVonageSecrets(ctx: CommandContext, account: AccountRecord): Promise<Reply> {
  const client = await ctx.services.vonage.client(account);
  const [secrets, stored] = await Promise.all([client.secrets.list(), ctx.services.vonage.storedSecret(account)]);
  return reply([
    text("Only you can see this. Do not paste it into a channel.", "warning"),
    fields({ "Secret Switchboard uses": stored ?? "none" }),
    fields(secrets.map((s) => ({ label: `Secret ${s.id}`, value: `created ${day(s.createdAt)}` }))),
    text(`Vonage's API lists secrets by id only; a secret's value is shown once, when it is created (see also ${dashboardLink("api-settings")}).`, "muted"),
  ]);
}

export async function createVonageSecret(ctx: CommandContext, account: AccountRecord, args: { secret?: string; use?: "yes" | "no" }): Promise<Reply> {
  const client = await ctx.services.vonage.client(account);
  const secret = args.secret ?? generateSecret();
  const created = await client.secrets.create(secret);
  const switched = args.use === "yes";
  if (switched) await ctx.services.vonage.storeSecret(account.id, secret);
  return reply([
    text("New API secret created at Vonage. It is shown this once, only to you:", "success"),
    fields({ Id: created.id, Secret: secret }),
    text(
      switched
        ? "Switchboard now uses this secret. You can revoke the old one with `account secret revoke <id>`."
        : "Switchboard keeps using its current secret; add `use:yes` next time to switch while rotating.",
      "muted",
    ),
  ]);
}

export async function revokeVonageSecret(ctx: CommandContext, account: AccountRecord, id: string): Promise<Reply> {
  const client = await ctx.services.vonage.client(account);
  await client.secrets.revoke(id);
  const blocks = [text(`Vonage revoked the API secret ${id}.`, "success")];
  try {
    await client.account.balance();
  } catch (error) {
    if (!isProviderError(error) || error.failure.kind !== "bad-credentials") throw error;
    blocks.push(
      text("That was the secret Switchboard used: it can no longer reach this account. Relink with `account link` and the remaining secret.", "warning"),
    );
  }
  return reply(blocks);
}
