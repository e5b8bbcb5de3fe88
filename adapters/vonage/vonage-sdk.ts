// The part of the Vonage gateway (sdk-gateway.ts) that holds the official SDK: its clients,
// built per account from the key and secret. The gateway imports this module on first
// use, so a Switchboard without linked Vonage accounts never loads the SDK (its packages
// take ~0.5 s to import, on every start otherwise).
import { Auth } from "@vonage/auth";
import { Accounts, Secrets } from "@vonage/accounts";
import { Numbers } from "@vonage/numbers";
import { SubAccounts } from "@vonage/subaccounts";
import type { Logger } from "../../src/platform/logger.ts";
import type { VonageClient, VonageCredentials } from "../../src/providers/vonage-gateway.ts";
import { VonageCalls } from "./vonage-calls.ts";
import { VonageAccountOperations, VonageSecretOperations } from "./vonage-account-ops.ts";
import { VonageSubaccountOperations } from "./vonage-subaccounts.ts";
import { VonageNumbers } from "./vonage-numbers.ts";
import { ReportsClient, VonageReports } from "./vonage-reports.ts";
import type { VonageNumbersConnection } from "./vonage-number-provider.ts";
import type { VonageSecretsConnection } from "./vonage-secret-provider.ts";

/** Where and how long the SDK calls go: the gateway's options. */
export interface SdkConnectionOptions {
  restHost?: string;
  apiHost?: string;
  timeoutMs: number;
  log: Logger;
}

/** One account's account-level operations and subaccounts. */
export function vonageClient(credentials: VonageCredentials, options: SdkConnectionOptions): VonageClient {
  const { auth, config, calls, account } = open(credentials, options);
  return {
    apiKey: credentials.apiKey,
    account,
    subaccounts: new VonageSubaccountOperations(new SubAccounts(auth, config), calls),
  };
}

/** One account's Reports API. */
export function vonageReports(credentials: VonageCredentials, options: SdkConnectionOptions): VonageReports {
  const { auth, config, calls } = open(credentials, options);
  return new VonageReports(new ReportsClient(auth, config), calls);
}

/** One account's API secrets, with the balance call that tells whether its credentials still work. */
export function vonageSecrets(credentials: VonageCredentials, options: SdkConnectionOptions): VonageSecretsConnection {
  const { auth, config, calls, account } = open(credentials, options);
  return { secrets: new VonageSecretOperations(new Secrets(auth, config), calls), account };
}

/** One account's number operations in Vonage's own terms. */
export function vonageNumbers(credentials: VonageCredentials, options: SdkConnectionOptions): VonageNumbersConnection {
  const { auth, config, calls, account } = open(credentials, options);
  return { numbers: new VonageNumbers(new Numbers(auth, config), calls, () => account.balance()), balance: () => account.balance() };
}

function open(credentials: VonageCredentials, options: SdkConnectionOptions) {
  const auth = new Auth({ apiKey: credentials.apiKey, apiSecret: credentials.apiSecret });
  const config = {
    ...(options.restHost ? { restHost: options.restHost.replace(/\/$/, "") } : {}),
    ...(options.apiHost ? { apiHost: options.apiHost.replace(/\/$/, "") } : {}),
    timeout: options.timeoutMs,
  };
  const calls = new VonageCalls(options.log, credentials.apiKey);
  return { auth, config, calls, account: new VonageAccountOperations(new Accounts(auth, config), calls) };
}
