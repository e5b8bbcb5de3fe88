import { z } from "zod";
import { defineCommand } from "../../core/commands/definition.ts";
import { UserError } from "../../core/errors.ts";
import { fields, reply, text } from "../../core/view.ts";
import { phoneArg } from "../../accounts/validation.ts";
import { formatMsisdn, normalizeMsisdn } from "../../numbers/msisdn.ts";
import { DEV_MODE_HINT } from "../../numbers/webhook/webhook-check.ts";

/** Someone texting a rented number, simulated: recorded, and posted to the number's webhook. */
export const sandboxReceiveCommand = defineCommand({
  path: "sandbox receive",
  description: "Simulate an inbound SMS to one of your numbers (recorded, and posted to its SMS webhook)",
  examples: ["sandbox receive +447451290774 STOP", "sandbox receive +447451290774 Hello from:+447700900123"],
  args: z.object({
    number: z.string().trim().min(1),
    text: z.string().trim().min(1, "cannot be empty").max(1600),
    from: phoneArg.optional(),
  }),
  positional: ["number", "text"],
  restPositional: true,
  fields: {
    number: { label: "Your number", kind: "phone", suggest: "owned-numbers" },
    text: { label: "Message", kind: "multiline" },
    from: { label: "From (default +447700900000)", kind: "phone" },
  },
  access: "member",
  sideEffect: "write",
  needsAccount: true,
  requires: "sandbox-network",
  async handler(ctx, args) {
    const { account } = ctx;
    const msisdn = normalizeMsisdn(args.number);
    // Only the caller's own numbers: another account's number is "not yours", never revealed as rented.
    const rental = await ctx.services.rentals.findActive(account.id, msisdn);
    if (!rental) {
      throw new UserError("number_not_owned", `${formatMsisdn(msisdn)} is not one of this account's numbers.`, { hint: "`numbers list` shows them." });
    }
    const from = args.from ?? "+447700900000";
    const result = await ctx.services.usage.messaging.receive({
      accountId: account.id,
      apiKey: account.apiKey,
      number: formatMsisdn(msisdn),
      from,
      text: args.text,
      at: ctx.clock.now(),
      webhookUrl: rental.smsWebhookUrl ?? undefined,
      allowPrivate: ctx.services.settings.devMode,
    });
    if (result.webhook && !result.webhook.live) {
      // The number's saved webhook stopped answering: the team hears of it where account events go.
      await ctx.services.events.emit({
        accountId: account.id,
        type: "webhook.check_failed",
        summary: `The inbound SMS webhook of ${formatMsisdn(msisdn)} did not take a message: ${rental.smsWebhookUrl} ${result.webhook.reason}.`,
        data: { msisdn, key: "smsWebhookUrl", url: rental.smsWebhookUrl, reason: result.webhook.reason },
        at: ctx.clock.now(),
      });
    }
    const webhook = !result.webhook
      ? "none set (`numbers configure` sets one)"
      : result.webhook.live
        ? `${rental.smsWebhookUrl} answered ${result.webhook.status}`
        : `${rental.smsWebhookUrl} did not take it: ${result.webhook.reason}${result.webhook.restricted ? `. ${DEV_MODE_HINT}` : ""}`;
    return reply([
      text(`Simulated SMS from ${from} to ${formatMsisdn(msisdn)} received.`, "success"),
      fields({ "Message id": result.id, Webhook: webhook }),
      text(`See it with \`usage search to:${formatMsisdn(msisdn)}\`.`, "muted"),
    ]);
  },
});
