import { z } from "zod";
import { defineCommand } from "../../core/commands/definition.ts";
import { UserError } from "../../core/errors.ts";
import { fields, reply, text } from "../../core/view.ts";
import { formatMoney } from "../../core/money.ts";
import { outboundMessageId } from "../../usage/sandbox-messaging.ts";
import { phoneArg } from "../../accounts/validation.ts";

const DEMO_TAG = "[DEMO]";

/**
 * The sandbox's messaging API, so that balance and DEMO rules are real: charged per
 * message part at the destination's price, DEMO accounts limited to verified numbers.
 */
export const smsSendCommand = defineCommand({
  path: "sms send",
  description: "Send an SMS through the sandbox messaging API (charged per message)",
  examples: ["sms send +447700900123 Hello from Switchboard"],
  args: z.object({ to: phoneArg, text: z.string().trim().min(1, "cannot be empty").max(1600) }),
  positional: ["to", "text"],
  restPositional: true,
  fields: { to: { label: "To", kind: "phone" }, text: { label: "Message", kind: "multiline" } },
  access: "member",
  sideEffect: "write",
  needsAccount: true,
  requires: "sandbox-messaging",
  async handler(ctx, args) {
    const { account } = ctx;
    const { demoNumbers, ledger, inbox, usage } = ctx.services;
    const balance = await ledger.balance(account.id);
    if (balance.lte(0)) {
      throw new UserError("balance_empty", `The balance is ${formatMoney(balance)}: the API refuses use until it is topped up.`, {
        hint: "Top up with `billing topup <amount>`.",
      });
    }
    await demoNumbers.assertMayMessage(account, args.to);
    const body = account.mode === "DEMO" ? `${DEMO_TAG} ${args.text}` : args.text;
    const now = ctx.clock.now();
    const messageId = outboundMessageId(ctx.requestKey);
    // The charge and the usage record are one transaction (issue 17).
    const receipt = await usage.messaging.send({ id: messageId, accountId: account.id, to: args.to, body, demo: account.mode === "DEMO", at: now });
    const { parts, cost, balance: after } = receipt;
    if (!receipt.repeated) await inbox.deliver(args.to, "sms", body, now, { accountId: account.id, requestedBy: ctx.invocation.actor });
    const status =
      receipt.status === "failed" ? `failed: ${receipt.failureReason}` : receipt.status === "delivered" ? `delivered (${receipt.networkName})` : `submitted (${receipt.networkName} returns no delivery receipts)`;
    return reply([
      text(`Sent to ${args.to}${account.mode === "DEMO" ? " with the [DEMO] tag" : ""}.`, "success"),
      fields({ "Message id": messageId, Parts: String(parts), Cost: formatMoney(cost), Status: status, "Balance now": formatMoney(after) }),
      text(`The record is in \`usage search to:${args.to}\`; \`usage\` shows the totals.`, "muted"),
    ]);
  },
});
