// API secrets of linked Vonage accounts: Vonage's Account API is the judge (2 secrets at
// most, the last one stays, its complexity rules). Its API lists secrets by id only, so
// the only value Switchboard can show again is the one it stores.
import type { AccountRecord } from "../../src/accounts/directory.ts";
import { generateSecret, maskSecret } from "../../src/accounts/api-secrets.ts";
import { isProviderError } from "../../src/providers/provider-error.ts";
import { dashboardLink } from "../../src/providers/dashboard-links.ts";
import type { CreatedSecret, RevokedSecret, SecretListing, SecretProvider } from "../../src/providers/secret-provider.ts";
import type { VonageAccess, VonageCredentials } from "../../src/providers/vonage-gateway.ts";
import type { VonageAccountOperations, VonageSecretOperations } from "./vonage-account-ops.ts";

/** What the provider needs of one Vonage account: its secrets, and a call that proves the credentials. */
export interface VonageSecretsConnection {
  secrets: VonageSecretOperations;
  account: Pick<VonageAccountOperations, "balance">;
}

export class VonageSecretProvider implements SecretProvider {
  readonly name = "vonage";
  readonly revokeWarning = "If it is the secret Switchboard uses, relink afterwards with `account link`.";

  constructor(
    private readonly access: VonageAccess,
    private readonly connect: (credentials: VonageCredentials) => Promise<VonageSecretsConnection>,
  ) {}

  async masked(account: AccountRecord): Promise<string> {
    const secret = await this.access.storedSecret(account);
    return secret ? `${maskSecret(secret.slice(-4))} (the one Switchboard uses)` : "none stored";
  }

  async list(account: AccountRecord): Promise<SecretListing> {
    const client = await this.connection(account);
    const [secrets, stored] = await Promise.all([client.secrets.list(), this.access.storedSecret(account)]);
    return {
      inUse: stored ?? null,
      secrets,
      note: `Vonage's API lists secrets by id only; a secret's value is shown once, when it is created (see also ${dashboardLink("api-settings")}).`,
    };
  }

  async create(account: AccountRecord, input: { secret?: string; use: boolean }): Promise<CreatedSecret> {
    const client = await this.connection(account);
    const secret = input.secret ?? generateSecret();
    const created = await client.secrets.create(secret);
    if (input.use) await this.access.storeSecret(account.id, secret);
    return {
      id: created.id,
      secret,
      message: "New API secret created at Vonage. It is shown this once, only to you:",
      note: input.use
        ? "Switchboard now uses this secret. You can revoke the old one with `account secret revoke <id>`."
        : "Switchboard keeps using its current secret; add `use:yes` next time to switch while rotating.",
    };
  }

  async revoke(account: AccountRecord, id: string): Promise<RevokedSecret> {
    const client = await this.connection(account);
    await client.secrets.revoke(id);
    try {
      await client.account.balance();
      return { message: `Vonage revoked the API secret ${id}.` };
    } catch (error) {
      if (!isProviderError(error) || error.failure.kind !== "bad-credentials") throw error;
      return {
        message: `Vonage revoked the API secret ${id}.`,
        warning: "That was the secret Switchboard used: it can no longer reach this account. Relink with `account link` and the remaining secret.",
      };
    }
  }

  private async connection(account: AccountRecord): Promise<VonageSecretsConnection> {
    return this.connect(await this.access.credentials(account));
  }
}
