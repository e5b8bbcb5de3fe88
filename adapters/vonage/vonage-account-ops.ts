// Balance, top-up, account settings and API secrets through @vonage/accounts.
import type { Accounts, Secrets } from "@vonage/accounts";
import { Decimal } from "../../src/core/money.ts";
import type { VonageAccountOps, VonageSecret, VonageSecretOps, VonageSettings } from "../../src/providers/vonage-gateway.ts";
import type { VonageCalls } from "./vonage-calls.ts";

/** JSON numbers arrive as floats; their shortest text form is what Vonage sent. */
export const decimalOf = (value: unknown): Decimal => new Decimal(String(value ?? 0));

export class VonageAccountOperations implements VonageAccountOps {
  constructor(
    private readonly sdk: Accounts,
    private readonly calls: VonageCalls,
  ) {}

  async balance() {
    const data = await this.calls.run("balance", () => this.sdk.getBalance());
    return { value: decimalOf(data.value), autoReload: Boolean(data.autoReload) };
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
  async updateSettings(change: { inboundSmsUrl?: string; deliveryReceiptUrl?: string }): Promise<VonageSettings> {
    const data = await this.calls.run("settings", () =>
      this.sdk.updateAccountCallbacks({ moCallBackUrl: change.inboundSmsUrl, drCallBackUrl: change.deliveryReceiptUrl }),
    );
    return {
      inboundSmsUrl: data["mo-callback-url"] ?? "",
      deliveryReceiptUrl: data["dr-callback-url"] ?? "",
      maxOutboundPerSecond: data["max-outbound-request"],
      maxInboundPerSecond: data["max-inbound-request"],
      maxCallsPerSecond: data["max-calls-per-second"],
    };
  }
}

export class VonageSecretOperations implements VonageSecretOps {
  constructor(
    private readonly sdk: Secrets,
    private readonly calls: VonageCalls,
  ) {}

  async list(): Promise<VonageSecret[]> {
    const data = await this.calls.run("secrets.list", () => this.sdk.listSecrets(this.calls.apiKey));
    return (data._embedded?.secrets ?? []).map(secretOf);
  }

  async create(secret: string): Promise<VonageSecret> {
    return secretOf(await this.calls.run("secrets.create", () => this.sdk.createSecret(this.calls.apiKey, secret)));
  }

  async revoke(id: string): Promise<void> {
    await this.calls.run("secrets.revoke", () => this.sdk.deleteSecret(this.calls.apiKey, id), id);
  }
}

const secretOf = (s: { id: string; created_at: string }): VonageSecret => ({ id: s.id, createdAt: new Date(s.created_at) });
