// Subaccounts, credit and balance transfers and number transfers through @vonage/subaccounts.
import type { SubAccounts } from "@vonage/subaccounts";
import type { Decimal } from "../../src/core/money.ts";
import type { VonageSubaccount, VonageSubaccountList, VonageSubaccountOps, VonageTransfer } from "../../src/providers/vonage-gateway.ts";
import type { VonageCalls } from "./vonage-calls.ts";
import { decimalOf } from "./vonage-account-ops.ts";

interface RawAccount {
  apiKey?: string;
  api_key?: string;
  name?: string;
  balance?: number | null;
  creditLimit?: number | null;
  credit_limit?: number | null;
  suspended?: boolean;
  usePrimaryAccountBalance?: boolean;
  use_primary_account_balance?: boolean;
  createdAt?: string;
  created_at?: string;
  secret?: string;
}

export class VonageSubaccountOperations implements VonageSubaccountOps {
  constructor(
    private readonly sdk: SubAccounts,
    private readonly calls: VonageCalls,
  ) {}

  // Answers are read inside run(): a malformed one is a classified failure, not a TypeError.
  list(): Promise<VonageSubaccountList> {
    return this.calls.run("subaccounts.list", async () => {
      const page = await this.sdk.getSubAccountPage();
      const embedded = page._embedded as unknown as { primary_account: RawAccount; subaccounts?: RawAccount[] };
      return { primary: accountOf(embedded.primary_account), subaccounts: (embedded.subaccounts ?? []).map(accountOf) };
    });
  }

  create(input: { name: string; secret?: string; sharesPrimaryBalance: boolean }) {
    return this.calls.run("subaccounts.create", async () => {
      const created = (await this.sdk.createSubAccount({
        name: input.name,
        secret: input.secret,
        usePrimaryAccountBalance: input.sharesPrimaryBalance,
      })) as unknown as RawAccount;
      return { ...accountOf(created), secret: created.secret };
    });
  }

  setSuspended(apiKey: string, suspended: boolean): Promise<VonageSubaccount> {
    return this.calls.run("subaccounts.update", async () => accountOf((await this.sdk.updateSubAccount(apiKey, { suspended })) as unknown as RawAccount), apiKey);
  }

  transferCredit(input: { from: string; to: string; amount: Decimal; reference?: string }): Promise<VonageTransfer> {
    return this.calls.run("subaccounts.transfer-credit", async () => {
      const t = await this.sdk.transferCredit({ from: input.from, to: input.to, amount: input.amount.toFixed(2), reference: input.reference });
      return transferOf(t.creditTransferId, t);
    });
  }

  transferBalance(input: { from: string; to: string; amount: Decimal; reference?: string }): Promise<VonageTransfer> {
    return this.calls.run("subaccounts.transfer-balance", async () => {
      const t = await this.sdk.transferBalance({ from: input.from, to: input.to, amount: input.amount.toNumber(), reference: input.reference });
      return transferOf(t.balanceTransferId, t);
    });
  }

  async transferNumber(input: { from: string; to: string; msisdn: string; country: string }): Promise<void> {
    await this.calls.run(
      "subaccounts.transfer-number",
      () => this.sdk.transferNumber({ from: input.from, to: input.to, number: input.msisdn, country: input.country }),
      input.msisdn,
    );
  }
}

function accountOf(raw: RawAccount): VonageSubaccount {
  const shares = Boolean(raw.usePrimaryAccountBalance ?? raw.use_primary_account_balance);
  const balance = raw.balance;
  const creditLimit = raw.creditLimit ?? raw.credit_limit;
  return {
    apiKey: raw.apiKey ?? raw.api_key ?? "",
    name: raw.name ?? "",
    balance: balance === null || balance === undefined ? null : decimalOf(balance),
    creditLimit: creditLimit === null || creditLimit === undefined ? null : decimalOf(creditLimit),
    suspended: Boolean(raw.suspended),
    sharesPrimaryBalance: shares,
    createdAt: new Date(raw.createdAt ?? raw.created_at ?? 0),
  };
}

function transferOf(id: string, t: { amount: number | string; from: string; to: string; reference?: string; createdAt: string }): VonageTransfer {
  return { id, amount: decimalOf(t.amount), from: t.from, to: t.to, reference: t.reference || undefined, createdAt: new Date(t.createdAt) };
}
