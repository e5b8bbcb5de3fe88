// Reaching the Vonage account behind a Switchboard account: the sealed secret is opened
// only here, only for the call. Billing, alerts and auto-reload use balance() and topUp().
import type { Db } from "../data/database.ts";
import type { SecretBox } from "../platform/secret-box.ts";
import type { AccountRecord } from "../accounts/directory.ts";
import { UserError } from "../core/errors.ts";
import { ProviderError, isProviderError } from "./provider-error.ts";
import { dashboardLink } from "./dashboard-links.ts";
import type { VonageAccess, VonageBalance, VonageClient, VonageCredentials, VonageGateway } from "./vonage-gateway.ts";

const TOP_UP_REF = (accountId: string) => `vonage:topup-trx:${accountId}`;

export class VonageAccounts implements VonageAccess {
  constructor(
    private readonly db: Db,
    private readonly secrets: SecretBox,
    private readonly gateway: VonageGateway,
  ) {}

  /** Checks a key and secret with a balance call; bad ones fail with a linking sentence. */
  async verify(credentials: VonageCredentials): Promise<VonageBalance> {
    try {
      return await (await this.gateway.connect(credentials)).account.balance();
    } catch (error) {
      if (isProviderError(error)) throw new ProviderError({ ...error.failure, operation: "verify" });
      throw error;
    }
  }

  async client(account: AccountRecord): Promise<VonageClient> {
    return this.gateway.connect(await this.credentials(account));
  }

  async credentials(account: AccountRecord): Promise<VonageCredentials> {
    requireVonage(account);
    const row = await this.db.account.findUnique({ where: { id: account.id }, select: { vonageSecretEnc: true } });
    if (!row?.vonageSecretEnc) {
      throw new UserError("vonage_not_linked", `${account.companyName} has no Vonage credentials any more.`, {
        hint: "Its primary user can link it again with `account link`.",
      });
    }
    return { apiKey: account.apiKey, apiSecret: this.secrets.open(row.vonageSecretEnc) };
  }

  /** The secret Switchboard uses, for showing it to an allowed user. */
  async storedSecret(account: AccountRecord): Promise<string | undefined> {
    const row = await this.db.account.findUnique({ where: { id: account.id }, select: { vonageSecretEnc: true } });
    return row?.vonageSecretEnc ? this.secrets.open(row.vonageSecretEnc) : undefined;
  }

  async storeSecret(accountId: string, secret: string): Promise<void> {
    await this.db.account.update({ where: { id: accountId }, data: { vonageSecretEnc: this.secrets.seal(secret) } });
  }

  /** The balance in EUR and whether auto-reload is on, straight from Vonage. */
  async balance(account: AccountRecord): Promise<VonageBalance> {
    return (await this.client(account)).account.balance();
  }

  /**
   * Tops up by the auto-reload amount set in the dashboard. Vonage needs the reference of
   * the payment made when auto-reload was enabled; the last one used is remembered, so
   * the auto-reload policy can call this without it.
   */
  async topUp(account: AccountRecord, trx?: string): Promise<{ trx: string }> {
    const reference = trx?.trim() || (await this.lastTopUpReference(account.id));
    if (!reference) {
      throw new UserError("topup_reference_needed", "Vonage tops up by repeating the payment made when auto-reload was enabled, and Switchboard does not know its reference yet.", {
        hint: `Find the transaction reference under Billing & payments (${dashboardLink("auto-reload")}) and run \`vonage topup trx:<reference>\` once; it is remembered.`,
      });
    }
    await (await this.client(account)).account.topUp(reference);
    await this.db.keyValue.upsert({
      where: { key: TOP_UP_REF(account.id) },
      create: { key: TOP_UP_REF(account.id), value: reference },
      update: { value: reference },
    });
    return { trx: reference };
  }

  private async lastTopUpReference(accountId: string): Promise<string | undefined> {
    const row = await this.db.keyValue.findUnique({ where: { key: TOP_UP_REF(accountId) }, select: { value: true } });
    return typeof row?.value === "string" ? row.value : undefined;
  }
}

export function requireVonage(account: AccountRecord, feature = "This"): void {
  if (account.provider !== "vonage") {
    throw new UserError("vonage_only", `${feature} works on Vonage accounts, and ${account.companyName} is a sandbox account.`, {
      hint: "Connect a real Vonage account with `account link`.",
    });
  }
}
