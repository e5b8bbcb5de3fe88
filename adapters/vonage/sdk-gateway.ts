// The Vonage provider port implemented with the official SDK, and with it the Vonage
// implementations of the provider-neutral ports (numbers, API secrets, usage records). VONAGE_REST_HOST and
// VONAGE_API_HOST (a proxy, or the local fake in tests) become the SDK's restHost/apiHost.
// The SDK itself is in vonage-sdk.ts, imported on the first call that needs it: nothing
// here imports it, so a start without Vonage accounts does not load it.
import type { Logger } from "../../src/platform/logger.ts";
import type { NumberProvider } from "../../src/providers/number-provider.ts";
import type { SecretProvider } from "../../src/providers/secret-provider.ts";
import type { UsageProvider } from "../../src/usage/usage-types.ts";
import type { VonageAccess, VonageClient, VonageCredentials, VonageGateway } from "../../src/providers/vonage-gateway.ts";
import type { VonageReports } from "./vonage-reports.ts";
import type * as VonageSdkModule from "./vonage-sdk.ts";
import type { SdkConnectionOptions } from "./vonage-sdk.ts";
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

type VonageSdk = typeof VonageSdkModule;
let sdk: Promise<VonageSdk> | undefined;

/** The SDK half of the gateway, imported once per process; a failed import is tried again next time. */
function loadSdk(): Promise<VonageSdk> {
  sdk ??= import("./vonage-sdk.ts").catch((error: unknown) => {
    sdk = undefined;
    throw error;
  });
  return sdk;
}

export class SdkVonageGateway implements VonageGateway {
  private readonly connection: SdkConnectionOptions;

  constructor(options: SdkGatewayOptions) {
    this.connection = { ...options, timeoutMs: options.timeoutMs ?? DEFAULT_VONAGE_TIMEOUT_MS };
  }

  async connect(credentials: VonageCredentials): Promise<VonageClient> {
    return (await loadSdk()).vonageClient(credentials, this.connection);
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
  async reports(credentials: VonageCredentials): Promise<VonageReports> {
    return (await loadSdk()).vonageReports(credentials, this.connection);
  }

  /** One account's API secrets, with the balance call that tells whether its credentials still work. */
  async secrets(credentials: VonageCredentials): Promise<VonageSecretsConnection> {
    return (await loadSdk()).vonageSecrets(credentials, this.connection);
  }

  /** One account's number operations in Vonage's own terms (the provider's, and tests'). */
  async numbers(credentials: VonageCredentials): Promise<VonageNumbersConnection> {
    return (await loadSdk()).vonageNumbers(credentials, this.connection);
  }
}
