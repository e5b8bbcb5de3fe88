// The Vonage provider port: what Switchboard asks of a real Vonage account that only
// Vonage does (balance, top-up, settings, subaccounts...), and the Vonage implementations
// of the provider-neutral ports (numbers, API secrets, usage records). The official SDK implements it in
// adapters/vonage/; the composition root injects it into Services. Every method throws
// ProviderError (a UserError with a clear sentence) on failure.
import type { Decimal } from "../core/money.ts";
import { UserError } from "../core/errors.ts";
import type { AccountRecord } from "../accounts/directory.ts";
import type { NumberProvider } from "./number-provider.ts";
import type { SecretProvider } from "./secret-provider.ts";
import type { UsageProvider } from "../usage/usage-types.ts";

export interface VonageCredentials {
  apiKey: string;
  apiSecret: string;
}

export interface VonageBalance {
  /** EUR. */
  value: Decimal;
  autoReload: boolean;
}

export interface VonageSettings {
  /** Default inbound SMS webhook, for numbers without their own. */
  inboundSmsUrl: string;
  deliveryReceiptUrl: string;
  maxOutboundPerSecond?: number;
  maxInboundPerSecond?: number;
  maxCallsPerSecond?: number;
}

export interface VonageSubaccount {
  apiKey: string;
  name: string;
  /** Null when the subaccount shares the primary account's balance. */
  balance: Decimal | null;
  creditLimit: Decimal | null;
  suspended: boolean;
  sharesPrimaryBalance: boolean;
  createdAt: Date;
}

export interface VonageSubaccountList {
  primary: VonageSubaccount;
  subaccounts: VonageSubaccount[];
}

export interface VonageTransfer {
  id: string;
  amount: Decimal;
  from: string;
  to: string;
  reference?: string;
  createdAt: Date;
}

export interface VonageAccountOps {
  balance(): Promise<VonageBalance>;
  /** `trx`: the reference of the payment made when auto-reload was enabled. */
  topUp(trx: string): Promise<void>;
  settings(): Promise<VonageSettings>;
  /** "" removes a URL; an omitted one is left as it is. */
  updateSettings(change: { inboundSmsUrl?: string; deliveryReceiptUrl?: string }): Promise<VonageSettings>;
}

export interface VonageSubaccountOps {
  list(): Promise<VonageSubaccountList>;
  create(input: { name: string; secret?: string; sharesPrimaryBalance: boolean }): Promise<VonageSubaccount & { secret?: string }>;
  setSuspended(apiKey: string, suspended: boolean): Promise<VonageSubaccount>;
  transferCredit(input: { from: string; to: string; amount: Decimal; reference?: string }): Promise<VonageTransfer>;
  transferBalance(input: { from: string; to: string; amount: Decimal; reference?: string }): Promise<VonageTransfer>;
  transferNumber(input: { from: string; to: string; msisdn: string; country: string }): Promise<void>;
}

/** One Vonage account, reached with its key and secret. */
export interface VonageClient {
  readonly apiKey: string;
  readonly account: VonageAccountOps;
  readonly subaccounts: VonageSubaccountOps;
}

/** How a Vonage implementation of a provider-neutral port reaches a linked account (VonageAccounts). */
export interface VonageAccess {
  /** The account's API key and the secret Switchboard stores; refuses sandbox and unlinked accounts. */
  credentials(account: AccountRecord): Promise<VonageCredentials>;
  /** The secret Switchboard stores, for showing it (masked or in full) to an allowed user. */
  storedSecret(account: AccountRecord): Promise<string | undefined>;
  /** Switchboard reaches the account with this secret from now on. */
  storeSecret(accountId: string, secret: string): Promise<void>;
}

export interface VonageGateway {
  /** Asynchronous: the SDK behind it is loaded on first use (adapters/vonage/sdk-gateway.ts). */
  connect(credentials: VonageCredentials): Promise<VonageClient>;
  /** The numbers port (number-provider.ts) for linked Vonage accounts. */
  numberProvider(access: VonageAccess): NumberProvider;
  /** The API-secrets port (secret-provider.ts) for linked Vonage accounts. */
  secretProvider(access: VonageAccess): SecretProvider;
  /** The usage port (src/usage/usage-types.ts) for linked Vonage accounts: their Reports API. */
  usageProvider(access: VonageAccess): UsageProvider;
}

const notConfigured = () =>
  new UserError("vonage_not_configured", "This Switchboard has no connection to Vonage configured.", {
    hint: "Whoever runs Switchboard wires the Vonage provider in adapters/app.ts.",
  });

/** For a process wired without Vonage (some tests): says so instead of failing obscurely. */
export const noVonageGateway: VonageGateway = {
  async connect() {
    throw notConfigured();
  },
  numberProvider(access) {
    const refuse = async (account: AccountRecord): Promise<never> => {
      await access.credentials(account);
      throw notConfigured();
    };
    return { name: "vonage", search: refuse, available: refuse, balance: refuse, rent: refuse, list: refuse, find: refuse, configure: refuse, cancel: refuse };
  },
  secretProvider(access) {
    const refuse = async (account: AccountRecord): Promise<never> => {
      await access.credentials(account);
      throw notConfigured();
    };
    return { name: "vonage", masked: refuse, list: refuse, create: refuse, revoke: refuse };
  },
  usageProvider(access) {
    return {
      name: "vonage",
      source(account) {
        const refuse = async (): Promise<never> => {
          await access.credentials(account);
          throw notConfigured();
        };
        return { summary: refuse, totals: refuse, search: refuse, records: refuse, limits: [] };
      },
    };
  },
};
