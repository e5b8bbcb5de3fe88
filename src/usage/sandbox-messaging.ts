// The sandbox messaging API's records: each `sms send` becomes an outbound record with the
// simulated network's receipt, and `sandbox receive` an inbound one, posted to the number's
// inbound SMS webhook like Vonage's inbound-message webhook.
import { newId } from "../core/ids.ts";
import { Decimal } from "../core/money.ts";
import { smsParts, smsPrice } from "../messaging/sms-pricing.ts";
import { postWebhook, type WebhookCheck } from "../numbers/webhook/webhook-check.ts";
import type { MessageRecords } from "./message-records.ts";
import { simulateReceipt, type ReceiptStatus, type SimulatedReceipt } from "./sandbox-network.ts";
import { createHash } from "node:crypto";
import type { Db } from "../data/database.ts";
import type { Ledger } from "../billing/ledger.ts";
import { withAccountLock } from "../billing/account-lock.ts";

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

export interface SentMessage extends SimulatedReceipt {
  parts: number;
  cost: Decimal;
  /** The balance after the charge. */
  balance: Decimal;
  /** True when this id had been sent before: nothing was charged this time. */
  repeated: boolean;
}

/**
 * The id of an outbound message: from the command's request key when there is one, so a
 * command re-run after a crash sends (and charges) the same message, not a second one.
 */
export function outboundMessageId(requestKey: string | undefined): string {
  return requestKey ? `sms_${createHash("sha256").update(requestKey).digest("hex").slice(0, 24)}` : newId("sms");
}

export class SandboxMessaging {
  constructor(
    private readonly records: MessageRecords,
    private readonly db: Db,
    private readonly ledger: Ledger,
  ) {}

  /** Prices a message: per part, at the destination's price. */
  quote(to: string, body: string): { parts: number; country: string; cost: Decimal } {
    const parts = smsParts(body);
    const { country, perPart } = smsPrice(to);
    return { parts, country, cost: perPart.times(parts) };
  }

  /**
   * Charges an outbound SMS and writes its record in one transaction under the account's
   * lock: a crash cannot leave a charge without its record, or a record without its charge.
   * Once per id: sending again with the same id (a retried command) charges nothing more
   * and answers with the message already sent.
   */
  async send(input: OutboundInput & { id: string }): Promise<SentMessage> {
    const { parts, country, cost } = this.quote(input.to, input.body);
    return withAccountLock(this.db, input.accountId, async (account) => {
      const charge = {
        kind: "message" as const,
        amount: cost.negated(),
        description: `SMS to ${input.to} (${parts} part${parts === 1 ? "" : "s"}, ${country})`,
        ref: `sms:${input.id}`,
        at: input.at,
      };
      const { created, balance } = await this.ledger.postIn(account, charge, true);
      const sent = created ? undefined : await this.records.get(input.accountId, input.id, account.tx);
      if (sent) {
        const receipt = { status: sent.status as ReceiptStatus, failureReason: sent.failureReason ?? undefined, network: sent.network ?? "", networkName: sent.networkName ?? "" };
        return { ...receipt, parts: sent.parts, cost: new Decimal(sent.price.toString()), balance, repeated: true };
      }
      const sequence = await this.records.sentBefore(input.accountId, input.to, account.tx);
      const receipt = simulateReceipt({ to: input.to, text: input.body, country, sequence });
      await this.records.add(
        {
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
        },
        account.tx,
      );
      return { ...receipt, parts, cost, balance, repeated: false };
    });
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
