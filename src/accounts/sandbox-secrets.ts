// The API secrets of sandbox accounts: sealed in Switchboard's own table, at most two at a
// time, the last one stays (the provider's rules, src/accounts/api-secrets.ts). The
// sandbox can show a secret again; the `use` switch of Vonage accounts does not apply.
import type { Db } from "../data/database.ts";
import type { SecretBox } from "../platform/secret-box.ts";
import type { AccountRecord } from "./directory.ts";
import { UserError } from "../core/errors.ts";
import { newId } from "../core/ids.ts";
import { MAX_SECRETS, assertValidSecret, generateSecret, maskSecret } from "./api-secrets.ts";
import type { CreatedSecret, RevokedSecret, SecretListing, SecretProvider } from "../providers/secret-provider.ts";

export class SandboxSecretProvider implements SecretProvider {
  readonly name = "sandbox";

  constructor(
    private readonly db: Db,
    private readonly box: SecretBox,
  ) {}

  async masked(account: AccountRecord): Promise<string> {
    const secrets = await this.active(account.id);
    return secrets.map((s) => maskSecret(s.hint)).join(", ") || "none";
  }

  async list(account: AccountRecord): Promise<SecretListing> {
    const secrets = await this.active(account.id);
    return { secrets: secrets.map((s) => ({ id: s.id, createdAt: s.createdAt, value: this.box.open(s.secretEnc) })) };
  }

  async create(account: AccountRecord, input: { secret?: string; at: Date }): Promise<CreatedSecret> {
    const existing = await this.active(account.id);
    if (existing.length >= MAX_SECRETS) {
      throw new UserError("too_many_secrets", `An account has at most ${MAX_SECRETS} API secrets at a time.`, {
        hint: `Revoke one first: \`account secret revoke ${existing[0]!.id}\`.`,
      });
    }
    const secret = input.secret ?? generateSecret();
    assertValidSecret(secret);
    const id = newId("sec");
    await this.db.apiSecret.create({
      data: { id, accountId: account.id, secretEnc: this.box.seal(secret), hint: secret.slice(-4), createdAt: input.at },
    });
    return { id, secret, message: "New API secret created, shown only to you (`account secret reveal` shows it again later):" };
  }

  async revoke(account: AccountRecord, id: string, at: Date): Promise<RevokedSecret> {
    const existing = await this.active(account.id);
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
    await this.db.apiSecret.update({ where: { id }, data: { revokedAt: at } });
    return { message: `Revoked ${id} (${maskSecret(target.hint)}).` };
  }

  private active(accountId: string) {
    return this.db.apiSecret.findMany({
      where: { accountId, revokedAt: null },
      select: { id: true, hint: true, secretEnc: true, createdAt: true },
      orderBy: { createdAt: "asc" },
    });
  }
}
