// The Vonage provider port implemented with the official SDK, and with it the Vonage
// implementations of the provider-neutral ports (numbers, API secrets, usage records). VONAGE_REST_HOST and
// VONAGE_API_HOST (a proxy, or the local fake in tests) become the SDK's restHost/apiHost.
import { Auth } from "@vonage/auth";
import { Accounts, Secrets } from "@vonage/accounts";
import { Numbers } from "@vonage/numbers";
import { SubAccounts } from "@vonage/subaccounts";
import type { Logger } from "../../src/platform/logger.ts";
import type { NumberProvider } from "../../src/providers/number-provider.ts";
import type { SecretProvider } from "../../src/providers/secret-provider.ts";
import type { UsageProvider } from "../../src/usage/usage-types.ts";
import type { VonageAccess, VonageClient, VonageCredentials, VonageGateway } from "../../src/providers/vonage-gateway.ts";
import { VonageCalls } from "./vonage-calls.ts";
import { VonageAccountOperations, VonageSecretOperations } from "./vonage-account-ops.ts";
import { VonageSubaccountOperations } from "./vonage-subaccounts.ts";
import { VonageNumbers } from "./vonage-numbers.ts";
import { ReportsClient, VonageReports } from "./vonage-reports.ts";
import { VonageNumberProvider, type VonageNumbersConnection } from "./vonage-number-provider.ts";
import { VonageSecretProvider, type VonageSecretsConnection } from "./vonage-secret-provider.ts";
import { VonageUsageSource } from "./vonage-usage-source.ts";

export interface SdkGatewayOptions {
  restHost?: string;
  apiHost?: string;
  /** Per request; a purchase that runs longer is checked against the owned numbers. */
  timeoutMs?: number;
  log: Logger;
}

export const DEFAULT_VONAGE_TIMEOUT_MS = 15_000;

export class SdkVonageGateway implements VonageGateway {
  constructor(private readonly options: SdkGatewayOptions) {}

  connect(credentials: VonageCredentials): VonageClient {
    const { auth, config, calls, account } = this.open(credentials);
    return {
      apiKey: credentials.apiKey,
      account,
      subaccounts: new VonageSubaccountOperations(new SubAccounts(auth, config), calls),
    };
  }

  numberProvider(access: VonageAccess): NumberProvider {
    return new VonageNumberProvider(access, (credentials) => this.numbers(credentials));
  }

  secretProvider(access: VonageAccess): SecretProvider {
    return new VonageSecretProvider(access, (credentials) => this.secrets(credentials));
  }

  usageProvider(access: VonageAccess): UsageProvider {
    return { name: "vonage", source: (account, clock) => new VonageUsageSource(async () => this.reports(await access.credentials(account)), clock) };
  }

  /** One account's Reports API. */
  reports(credentials: VonageCredentials): VonageReports {
    const { auth, config, calls } = this.open(credentials);
    return new VonageReports(new ReportsClient(auth, config), calls);
  }

  /** One account's API secrets, with the balance call that tells whether its credentials still work. */
  secrets(credentials: VonageCredentials): VonageSecretsConnection {
    const { auth, config, calls, account } = this.open(credentials);
    return { secrets: new VonageSecretOperations(new Secrets(auth, config), calls), account };
  }

  /** One account's number operations in Vonage's own terms (the provider's, and tests'). */
  numbers(credentials: VonageCredentials): VonageNumbersConnection {
    const { auth, config, calls, account } = this.open(credentials);
    return { numbers: new VonageNumbers(new Numbers(auth, config), calls, () => account.balance()), balance: () => account.balance() };
  }

  private open(credentials: VonageCredentials) {
    const auth = new Auth({ apiKey: credentials.apiKey, apiSecret: credentials.apiSecret });
    const config = {
      ...(this.options.restHost ? { restHost: this.options.restHost.replace(/\/$/, "") } : {}),
      ...(this.options.apiHost ? { apiHost: this.options.apiHost.replace(/\/$/, "") } : {}),
      timeout: this.options.timeoutMs ?? DEFAULT_VONAGE_TIMEOUT_MS,
    };
    const calls = new VonageCalls(this.options.log, credentials.apiKey);
    return { auth, config, calls, account: new VonageAccountOperations(new Accounts(auth, config), calls) };
  }
}
