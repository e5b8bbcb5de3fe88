import { z } from "zod";
import { defineCommand } from "../../core/commands/definition.ts";
import { fields, header, reply, text } from "../../core/view.ts";
import { formatMoney } from "../../core/money.ts";
import { subaccountsClient, describeSubaccount } from "./subaccounts-client.ts";

const PAGE_SIZE = 10;

export const subaccountsListCommand = defineCommand({
  path: "subaccounts list",
  description: "The Vonage account's subaccounts with their balances and credit limits",
  args: z.object({ page: z.coerce.number().int().min(1).default(1) }),
  access: "primary",
  sideEffect: "read",
  needsAccount: true,
  requires: "subaccounts",
  async handler(ctx, { page }) {
    const { primary, subaccounts } = await (await subaccountsClient(ctx)).subaccounts.list();
    const pageCount = Math.max(1, Math.ceil(subaccounts.length / PAGE_SIZE));
    const shown = subaccounts.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE);
    const account = ctx.account.id;
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
