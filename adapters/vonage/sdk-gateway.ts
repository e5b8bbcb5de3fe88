// The Vonage provider port implemented with the official SDK. VONAGE_REST_HOST and
// VONAGE_API_HOST (a proxy, or the local fake in tests) become the SDK's restHost/apiHost.
import { Auth } from "@vonage/auth";
import { Accounts, Secrets } from "@vonage/accounts";
import { Numbers } from "@vonage/numbers";
import { SubAccounts } from "@vonage/subaccounts";
import type { Logger } from "../../src/platform/logger.ts";
import type { VonageClient, VonageCredentials, VonageGateway } from "../../src/providers/vonage-gateway.ts";
import { VonageCalls } from "./vonage-calls.ts";
import { VonageAccountOperations, VonageSecretOperations } from "./vonage-account-ops.ts";
import { VonageSubaccountOperations } from "./vonage-subaccounts.ts";
import { VonageNumbers } from "./vonage-numbers.ts";
import { ReportsClient, VonageReports } from "./vonage-reports.ts";

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
    const auth = new Auth({ apiKey: credentials.apiKey, apiSecret: credentials.apiSecret });
    const config = {
      ...(this.options.restHost ? { restHost: this.options.restHost.replace(/\/$/, "") } : {}),
      ...(this.options.apiHost ? { apiHost: this.options.apiHost.replace(/\/$/, "") } : {}),
      timeout: this.options.timeoutMs ?? DEFAULT_VONAGE_TIMEOUT_MS,
    };
    const calls = new VonageCalls(this.options.log, credentials.apiKey);
    const account = new VonageAccountOperations(new Accounts(auth, config), calls);
    return {
      apiKey: credentials.apiKey,
      account,
      secrets: new VonageSecretOperations(new Secrets(auth, config), calls),
      subaccounts: new VonageSubaccountOperations(new SubAccounts(auth, config), calls),
      numbers: new VonageNumbers(new Numbers(auth, config), calls, () => account.balance()),
      reports: new VonageReports(new ReportsClient(auth, config), calls),
    };
  }
}
