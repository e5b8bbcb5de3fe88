import { z } from "zod";
import { defineCommand } from "../../core/commands/definition.ts";
import { UserError } from "../../core/errors.ts";
import { reply, text } from "../../core/view.ts";
import { toMsisdn } from "../../numbers/msisdn.ts";
import { subaccountsClient } from "./subaccounts-client.ts";
import { partyArg, parties } from "./money-transfer.ts";

export const subaccountsTransferNumberCommand = defineCommand({
  path: "subaccounts transfer-number",
  description: "Move a number between the primary account and a subaccount",
  examples: ["subaccounts transfer-number +447700900123 to:bbe6222f", "subaccounts transfer-number +447700900123 from:bbe6222f to:primary country:GB"],
  args: z.object({
    number: z.string().trim().regex(/^\+?[\d ]{6,20}$/, "must be a phone number such as +447700900123"),
    to: partyArg,
    from: partyArg.optional(),
    country: z.string().trim().regex(/^[A-Za-z]{2}$/, "must be a two-letter country code such as GB").optional(),
  }),
  positional: ["number"],
  fields: { number: { kind: "phone", suggest: "owned-numbers" }, country: { suggest: "countries" } },
  access: "primary",
  sideEffect: "spend",
  needsAccount: true,
  requires: "subaccounts",
  async confirm(ctx, args) {
    const { from, to } = parties(ctx, args);
    return {
      title: "Transfer number",
      text: `Moves +${toMsisdn(args.number)} from ${from} to ${to} with its configuration; ${to} pays its monthly rent from then on.`,
      confirmLabel: "Transfer number",
    };
  },
  async handler(ctx, args) {
    const { from, to } = parties(ctx, args);
    const client = await subaccountsClient(ctx);
    const msisdn = toMsisdn(args.number);
    const { account } = ctx;
    const country = args.country?.toUpperCase() ?? (from === client.apiKey ? (await ctx.services.numberProviders.for(account).find(account, msisdn))?.country : undefined);
    if (!country) {
      throw new UserError("country_needed", `Switchboard cannot tell the country of +${msisdn}${from === client.apiKey ? ": it is not one of the primary account's numbers" : ""}.`, {
        hint: "Add `country:<two letters>`, e.g. country:GB.",
      });
    }
    await client.subaccounts.transferNumber({ from, to, msisdn, country });
    return reply([text(`Moved +${msisdn} from ${from} to ${to}.`, "success")]);
  },
});
