import { z } from "zod";
import { defineCommand } from "../../core/commands/definition.ts";
import type { AccountCommandContext } from "../../core/commands/context.ts";
import { UserError } from "../../core/errors.ts";
import { fields, reply, text } from "../../core/view.ts";
import { formatMoney, parseAmount, type Decimal } from "../../core/money.ts";
import { subaccountsClient } from "./subaccounts-client.ts";

const amountArg = z
  .string()
  .trim()
  .refine((v) => parseAmount(v)?.gt(0) ?? false, "must be an amount in euros, such as 20 or 12.50")
  .transform((v) => parseAmount(v)!);

export const partyArg = z.string().trim().regex(/^(primary|[A-Za-z0-9]{4,32})$/, "must be a subaccount's API key, or `primary`");

/** from/to as API keys: `primary` is the linked account; one side defaults to it. */
export function parties(ctx: AccountCommandContext, args: { from?: string; to: string }): { from: string; to: string } {
  const { account } = ctx;
  const key = (party: string) => (party === "primary" ? account.apiKey : party);
  const to = key(args.to);
  const from = args.from ? key(args.from) : account.apiKey;
  if (from === to) {
    throw new UserError("same_account", "A transfer needs two different accounts.", { hint: "Give the subaccount it comes from with `from:<key>` (`to:primary` sends it back)." });
  }
  return { from, to };
}

const transferArgs = z.object({ amount: amountArg, to: partyArg, from: partyArg.optional(), reference: z.string().trim().max(100).optional() });

export function moneyTransfer(kind: "credit" | "balance") {
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
    requires: "subaccounts",
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
