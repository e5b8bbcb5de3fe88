import { z } from "zod";
import { defineCommand } from "../../core/commands/definition.ts";
import { requireAccount, type CommandContext } from "../../core/commands/context.ts";
import { UserError } from "../../core/errors.ts";
import { fields, header, reply, text } from "../../core/view.ts";
import { formatMoney } from "../../core/money.ts";
import { generateSecret } from "../../accounts/api-secrets.ts";
import { requireVonage } from "../../providers/vonage-accounts.ts";
import type { VonageClient, VonageSubaccount } from "../../providers/vonage-gateway.ts";

const PAGE_SIZE = 10;

export async function subaccountsClient(ctx: CommandContext): Promise<VonageClient> {
  const account = requireAccount(ctx);
  requireVonage(account, "The Subaccounts API");
  return ctx.services.vonage.client(account);
}

export function describeSubaccount(sub: VonageSubaccount): string {
  const money = sub.sharesPrimaryBalance
    ? "shares the primary balance"
    : `balance ${formatMoney(sub.balance ?? 0)}, credit limit ${formatMoney(sub.creditLimit ?? 0)}`;
  return `${money}${sub.suspended ? " · SUSPENDED" : ""}`;
}

export const subaccountsListCommand = defineCommand({
  path: "subaccounts list",
  description: "The Vonage account's subaccounts with their balances and credit limits",
  args: z.object({ page: z.coerce.number().int().min(1).default(1) }),
  access: "primary",
  sideEffect: "read",
  needsAccount: true,
  async handler(ctx, { page }) {
    const { primary, subaccounts } = await (await subaccountsClient(ctx)).subaccounts.list();
    const pageCount = Math.max(1, Math.ceil(subaccounts.length / PAGE_SIZE));
    const shown = subaccounts.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE);
    const account = ctx.account!.id;
    return reply(
      [
        header(`${primary.name || primary.apiKey} (primary, ${primary.apiKey})`),
        fields({ Balance: formatMoney(primary.balance ?? 0), "Credit limit": formatMoney(primary.creditLimit ?? 0) }),
        subaccounts.length
          ? fields(shown.map((s) => ({ label: `${s.name} (${s.apiKey})`, value: describeSubaccount(s) })))
          : text("No subaccounts yet: `subaccounts create <name>`.", "muted"),
      ],
      {
        pagination:
          pageCount > 1
            ? {
                page,
                pageCount,
                previous: page > 1 ? { command: "subaccounts list", args: { page: page - 1, account } } : undefined,
                next: page < pageCount ? { command: "subaccounts list", args: { page: page + 1, account } } : undefined,
              }
            : undefined,
      },
    );
  },
});

export const subaccountsCreateCommand = defineCommand({
  path: "subaccounts create",
  description: "Create a subaccount (its API secret is shown once, only to you)",
  examples: ["subaccounts create Department A", "subaccounts create Reseller B shared:no"],
  args: z.object({
    name: z.string().trim().min(1).max(80, "must be at most 80 characters"),
    shared: z.enum(["yes", "no"]).default("yes"),
    secret: z.string().optional(),
  }),
  positional: ["name"],
  restPositional: true,
  fields: {
    name: { label: "Subaccount name" },
    shared: { label: "Share the primary account's balance" },
    secret: { label: "API secret (leave empty to generate one)", sensitive: true },
  },
  access: "primary",
  sideEffect: "write",
  secretReply: true,
  needsAccount: true,
  async handler(ctx, args) {
    const client = await subaccountsClient(ctx);
    const secret = args.secret ?? generateSecret();
    const created = await client.subaccounts.create({ name: args.name, secret, sharesPrimaryBalance: args.shared === "yes" });
    if (!created.apiKey) throw new UserError("vonage_error", "Vonage created no subaccount key; check `subaccounts list`.");
    return reply([
      text(`Created the subaccount ${created.name}. Its secret is shown this once, only to you:`, "success"),
      fields({ "API key": created.apiKey, "API secret": created.secret ?? secret, Money: describeSubaccount(created) }),
    ]);
  },
});
