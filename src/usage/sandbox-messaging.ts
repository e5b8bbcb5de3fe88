// The sandbox messaging API's records: each `sms send` becomes an outbound record with the
// simulated network's receipt, and `sandbox receive` an inbound one, posted to the number's
// inbound SMS webhook like Vonage's inbound-message webhook.
import { newId } from "../core/ids.ts";
import { Decimal } from "../core/money.ts";
import { smsParts, smsPrice } from "../messaging/sms-pricing.ts";
import { postWebhook, type WebhookCheck } from "../numbers/webhook/webhook-check.ts";
import type { MessageRecords } from "./message-records.ts";
import { simulateReceipt, type SimulatedReceipt } from "./sandbox-network.ts";

/** The sender of sandbox SMS: an alphanumeric sender ID, as most accounts use. */
export const SANDBOX_SENDER = "Switchboard";

export interface OutboundInput {
  accountId: string;
  to: string;
  body: string;
  demo: boolean;
  at: Date;
}

export interface InboundInput {
  accountId: string;
  apiKey: string;
  /** E.164 of the rented number that receives it. */
  number: string;
  from: string;
  text: string;
  at: Date;
  webhookUrl?: string;
  allowPrivate: boolean;
}

export class SandboxMessaging {
  constructor(private readonly records: MessageRecords) {}

  /** Prices the message; the caller charges it, then records it with `recordOutbound`. */
  quote(to: string, body: string): { parts: number; country: string; cost: Decimal } {
    const parts = smsParts(body);
    const { country, perPart } = smsPrice(to);
    return { parts, country, cost: perPart.times(parts) };
  }

  async recordOutbound(input: OutboundInput & { id: string }): Promise<SimulatedReceipt & { parts: number; cost: Decimal }> {
    const { parts, country, cost } = this.quote(input.to, input.body);
    const sequence = await this.records.sentBefore(input.accountId, input.to);
    const receipt = simulateReceipt({ to: input.to, text: input.body, country, sequence });
    await this.records.add({
      id: input.id,
      accountId: input.accountId,
      product: "sms",
      direction: "outbound",
      from: SANDBOX_SENDER,
      to: input.to,
      country,
      network: receipt.network,
      networkName: receipt.networkName,
      parts,
      price: cost,
      status: receipt.status,
      failureReason: receipt.failureReason,
      demo: input.demo,
      text: input.body,
      createdAt: input.at,
      receiptAt: receipt.delaySeconds === undefined ? undefined : new Date(input.at.getTime() + receipt.delaySeconds * 1000),
    });
    return { ...receipt, parts, cost };
  }

  /** Records an inbound SMS (free, as on Vonage) and posts it to the webhook when one is set. */
  async receive(input: InboundInput): Promise<{ id: string; webhook?: WebhookCheck }> {
    const id = newId("sms");
    const { country } = smsPrice(input.from);
    await this.records.add({
      id,
      accountId: input.accountId,
      product: "sms",
      direction: "inbound",
      from: input.from,
      to: input.number,
      country,
      parts: smsParts(input.text),
      price: new Decimal(0),
      status: "received",
      demo: false,
      text: input.text,
      createdAt: input.at,
    });
    if (!input.webhookUrl) return { id };
    // The fields of Vonage's inbound SMS webhook (msisdn is the sender, to the number).
    const payload = {
      msisdn: input.from.replace(/^\+/, ""),
      to: input.number.replace(/^\+/, ""),
      messageId: id,
      text: input.text,
      type: /^[\x20-\x7E\n\r]*$/.test(input.text) ? "text" : "unicode",
      keyword: input.text.trim().split(/\s+/)[0]?.toUpperCase() ?? "",
      "api-key": input.apiKey,
      "message-timestamp": input.at.toISOString().replace("T", " ").slice(0, 19),
    };
    return { id, webhook: await postWebhook(input.webhookUrl, payload, { allowPrivate: input.allowPrivate }) };
  }
}
