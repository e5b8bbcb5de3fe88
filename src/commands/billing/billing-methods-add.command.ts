import { z } from "zod";
import { defineCommand } from "../../core/commands/definition.ts";
import { reply, text } from "../../core/view.ts";
import { paymentLinkUrl } from "../../billing/payment-page/payment-pages.ts";
import { when } from "./billing-view.ts";

/**
 * Card details never pass through chat: this answers, to the requester only, with a
 * one-time link to the payment page. The link's token is in the reply, so the reply is
 * never kept (secretReply); only a hash of the token is stored.
 */
export const billingMethodsAddCommand = defineCommand({
  path: "billing methods add",
  description: "Get a private, one-time link to the secure page that adds a card, PayPal or bank transfer",
  examples: ["billing methods add"],
  args: z.object({}),
  access: "payments",
  sideEffect: "write",
  secretReply: true,
  needsAccount: true,
  requires: "payment-methods",
  async handler(ctx) {
    const { account } = ctx;
    const { token, expiresAt } = await ctx.services.billing.links.issue({ accountId: account.id, personId: ctx.personId, requestedBy: ctx.invocation.actor });
    return reply([
      text(`Open this private link to add a card, PayPal or bank transfer to ${account.companyName}:`),
      text(paymentLinkUrl(ctx.services.settings.publicUrl, token)),
      text(`It is for you only, works once and expires at ${when(expiresAt)} (15 minutes). Never type card details into chat: the page sends them straight to the payment processor.`, "muted"),
    ]);
  },
});
