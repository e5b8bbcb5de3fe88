// Balance, top-up, account settings and API secrets through @vonage/accounts.
import type { Accounts, Secrets } from "@vonage/accounts";
import { Decimal } from "../../src/core/money.ts";
import type { VonageAccountOps, VonageSettings } from "../../src/providers/vonage-gateway.ts";

/** An API secret as Vonage lists it: by id, never its value. */
export interface VonageSecret {
  id: string;
  createdAt: Date;
}
import type { VonageCalls } from "./vonage-calls.ts";

/** JSON numbers arrive as floats; their shortest text form is what Vonage sent. */
export function decimalOf(value: unknown): Decimal {
  if (typeof value !== "number" && typeof value !== "string") throw new TypeError(`Vonage sent no amount (${typeof value})`);
  return new Decimal(String(value));
}

export class VonageAccountOperations implements VonageAccountOps {
  constructor(
    private readonly sdk: Accounts,
    private readonly calls: VonageCalls,
  ) {}

  // Answers are read inside run(): a malformed one is a classified failure, not a TypeError.
  balance() {
    return this.calls.run("balance", async () => {
      const data = await this.sdk.getBalance();
      return { value: decimalOf(data.value), autoReload: Boolean(data.autoReload) };
    });
  }

  async topUp(trx: string): Promise<void> {
    await this.calls.runCoded("top-up", async () => {
      const data = await this.sdk.topUpBalance(trx);
      return { errorCode: data["error-code"], errorCodeLabel: data["error-code-label"] };
    });
  }

  settings(): Promise<VonageSettings> {
    return this.updateSettings({});
  }

  /** POST /account/settings with nothing to change answers the current settings. */
  updateSettings(change: { inboundSmsUrl?: string; deliveryReceiptUrl?: string }): Promise<VonageSettings> {
    return this.calls.run("settings", async () => {
      const data = await this.sdk.updateAccountCallbacks({ moCallBackUrl: change.inboundSmsUrl, drCallBackUrl: change.deliveryReceiptUrl });
      return {
        inboundSmsUrl: data["mo-callback-url"] ?? "",
        deliveryReceiptUrl: data["dr-callback-url"] ?? "",
        maxOutboundPerSecond: data["max-outbound-request"],
        maxInboundPerSecond: data["max-inbound-request"],
        maxCallsPerSecond: data["max-calls-per-second"],
      };
    });
  }
}

/** Used by the secrets port (vonage-secret-provider.ts) only. */
export class VonageSecretOperations {
  constructor(
    private readonly sdk: Secrets,
    private readonly calls: VonageCalls,
  ) {}

  list(): Promise<VonageSecret[]> {
    return this.calls.run("secrets.list", async () => ((await this.sdk.listSecrets(this.calls.apiKey))._embedded?.secrets ?? []).map(secretOf));
  }

  create(secret: string): Promise<VonageSecret> {
    return this.calls.run("secrets.create", async () => secretOf(await this.sdk.createSecret(this.calls.apiKey, secret)));
  }

  async revoke(id: string): Promise<void> {
    await this.calls.run("secrets.revoke", () => this.sdk.deleteSecret(this.calls.apiKey, id), id);
  }
}

const secretOf = (s: { id: string; created_at: string }): VonageSecret => ({ id: s.id, createdAt: new Date(s.created_at) });
