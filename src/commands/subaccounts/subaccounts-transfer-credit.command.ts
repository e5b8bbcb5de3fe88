import { z } from "zod";
import { defineCommand } from "../../core/commands/definition.ts";
import { requireAccount, type CommandContext } from "../../core/commands/context.ts";
import { UserError } from "../../core/errors.ts";
import { fields, reply, text } from "../../core/view.ts";
import { formatMoney, parseAmount, type Decimal } from "../../core/money.ts";
import { requireVonage } from "../../providers/vonage-accounts.ts";
import { toMsisdn } from "../../providers/vonage-numbers.ts";
import { subaccountsClient } from "./subaccounts-list.command.ts";

const amountArg = z
  .string()
  .trim()
  .refine((v) => parseAmount(v)?.gt(0) ?? false, "must be an amount in euros, such as 20 or 12.50")
  .transform((v) => parseAmount(v)!);
const partyArg = z.string().trim().regex(/^(primary|[A-Za-z0-9]{4,32})$/, "must be a subaccount's API key, or `primary`");

/** from/to as API keys: `primary` is the linked account; one side defaults to it. */
function parties(ctx: CommandContext, args: { from?: string; to: string }): { from: string; to: string } {
  const account = requireAccount(ctx);
  requireVonage(account, "The Subaccounts API");
  const key = (party: string) => (party === "primary" ? account.apiKey : party);
  const to = key(args.to);
  const from = args.from ? key(args.from) : account.apiKey;
  if (from === to) {
    throw new UserError("same_account", "A transfer needs two different accounts.", { hint: "Give the subaccount it comes from with `from:<key>` (`to:primary` sends it back)." });
  }
  return { from, to };
}

const transferArgs = z.object({ amount: amountArg, to: partyArg, from: partyArg.optional(), reference: z.string().trim().max(100).optional() });

function moneyTransfer(kind: "credit" | "balance") {
  const what = kind === "credit" ? "credit limit" : "balance";
  return defineCommand({
    path: `subaccounts transfer-${kind}`,
    description:
      kind === "credit"
        ? "Move credit limit between the primary account and a subaccount"
        : "Move balance between the primary account and a subaccount",
    examples: [`subaccounts transfer-${kind} 20 to:bbe6222f`, `subaccounts transfer-${kind} 5.50 from:bbe6222f to:primary reference:"month end"`],
    args: transferArgs,
    positional: ["amount"],
    fields: { to: { label: "To (subaccount key or primary)" }, from: { label: "From (defaults to the primary account)" } },
    access: "primary",
    sideEffect: "spend",
    needsAccount: true,
    async confirm(ctx, args) {
      const { from, to } = parties(ctx, args);
      return { title: `Transfer ${what}`, text: `Moves ${formatMoney(args.amount)} of ${what} from ${from} to ${to}.`, confirmLabel: `Transfer ${formatMoney(args.amount)}` };
    },
    async handler(ctx, args) {
      const { from, to } = parties(ctx, args);
      const client = await subaccountsClient(ctx);
      const input = { from, to, amount: args.amount as Decimal, reference: args.reference };
      const done = kind === "credit" ? await client.subaccounts.transferCredit(input) : await client.subaccounts.transferBalance(input);
      return reply([
        text(`Moved ${formatMoney(done.amount)} of ${what} from ${done.from} to ${done.to}.`, "success"),
        fields({ Transfer: done.id, ...(done.reference ? { Reference: done.reference } : {}) }),
      ]);
    },
  });
}

export const subaccountsTransferCreditCommand = moneyTransfer("credit");
export const subaccountsTransferBalanceCommand = moneyTransfer("balance");

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
    const country = args.country?.toUpperCase() ?? (from === client.apiKey ? (await client.numbers.findOwned(msisdn))?.country : undefined);
    if (!country) {
      throw new UserError("country_needed", `Switchboard cannot tell the country of +${msisdn}${from === client.apiKey ? ": it is not one of the primary account's numbers" : ""}.`, {
        hint: "Add `country:<two letters>`, e.g. country:GB.",
      });
    }
    await client.subaccounts.transferNumber({ from, to, msisdn, country });
    return reply([text(`Moved +${msisdn} from ${from} to ${to}.`, "success")]);
  },
});
