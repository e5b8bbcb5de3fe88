// One question, two answers: a sandbox account's balance is the sum of its ledger; a
// Vonage account's is whatever Vonage says now. Billing, alerts and the home view ask here.
import type { Services } from "../services.ts";
import type { AccountRecord } from "../accounts/directory.ts";
import type { Decimal } from "../core/money.ts";

export interface AccountBalance {
  /** EUR. */
  value: Decimal;
  source: "ledger" | "vonage";
  /** Vonage only: whether auto-reload is enabled in the dashboard. */
  autoReload?: boolean;
}

export async function accountBalance(services: Pick<Services, "ledger" | "vonage">, account: AccountRecord): Promise<AccountBalance> {
  if (account.provider === "vonage") {
    const { value, autoReload } = await services.vonage.balance(account);
    return { value, autoReload, source: "vonage" };
  }
  return { value: await services.ledger.balance(account.id), source: "ledger" };
}

/**
 * The balances one query can give, for a sweep: the sandbox accounts' maintained balances.
 * Vonage accounts are left out: each one's balance is an API call (`accountBalance`).
 */
export async function ledgerBalances(services: Pick<Services, "ledger">, accounts: readonly AccountRecord[]): Promise<Map<string, Decimal>> {
  return services.ledger.balances(accounts.filter((a) => a.provider !== "vonage").map((a) => a.id));
}
