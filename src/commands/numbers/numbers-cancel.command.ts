import { z } from "zod";
import { defineCommand } from "../../core/commands/definition.ts";
import { reply, text } from "../../core/view.ts";
import { formatMsisdn } from "../../numbers/msisdn.ts";
import { formatDay } from "../../numbers/renewal-dates.ts";
import { ownedNumber } from "./owned-number.ts";

export const numbersCancelCommand = defineCommand({
  path: "numbers cancel",
  description: "Cancel a number: it is released at once",
  examples: ["numbers cancel +447700900123"],
  args: z.object({ number: z.string().trim().min(1) }),
  positional: ["number"],
  fields: { number: { label: "Number", kind: "phone", suggest: "owned-numbers" } },
  access: "numbers",
  sideEffect: "destroy",
  needsAccount: true,
  async confirm(ctx, { number }) {
    const { owned, msisdn } = await ownedNumber(ctx, number);
    const paid = owned.nextRenewalAt ? ` The rent already paid (until ${formatDay(owned.nextRenewalAt)}) is not refunded.` : "";
    return {
      title: `Cancel ${formatMsisdn(msisdn)}?`,
      text: `${formatMsisdn(msisdn)} is released at once: it stops receiving SMS and calls, and someone else may rent it.${paid}`,
      confirmLabel: `Release ${formatMsisdn(msisdn)}`,
    };
  },
  async handler(ctx, { number }) {
    const { account, provider, msisdn } = await ownedNumber(ctx, number);
    const now = ctx.clock.now();
    await provider.cancel(account, msisdn, now);
    await ctx.services.events.emit({
      accountId: account.id,
      type: "number.released",
      summary: `${formatMsisdn(msisdn)} was cancelled by ${ctx.invocation.actorName}.`,
      data: { msisdn, reason: "cancelled" },
      at: now,
    });
    return reply([text(`Cancelled ${formatMsisdn(msisdn)}: it is no longer yours and will not be charged again.`, "success")]);
  },
});
