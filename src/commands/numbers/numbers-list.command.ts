import { z } from "zod";
import { defineCommand } from "../../core/commands/definition.ts";
import { buttons, header, reply, text, type Action, type Button } from "../../core/view.ts";
import { formatMsisdn } from "../../numbers/msisdn.ts";
import { buttonRows, ownedLine } from "./number-views.ts";

const PAGE_SIZE = 5;

export const numbersListCommand = defineCommand({
  path: "numbers list",
  description: "Your numbers: country, type, features, price, next renewal and configuration",
  examples: ["numbers list", "numbers list page:2"],
  args: z.object({ page: z.coerce.number().int().min(1).optional() }),
  access: "member",
  sideEffect: "read",
  needsAccount: true,
  async handler(ctx, args) {
    const { account } = ctx;
    const owned = await ctx.services.numberProviders.for(account).list(account);
    if (owned.length === 0) {
      return reply([
        text(`${account.companyName} has no numbers yet.`),
        buttons({ label: "Search numbers", action: { command: "numbers search", args: { account: account.id } } }),
      ]);
    }
    const pageCount = Math.ceil(owned.length / PAGE_SIZE);
    const page = Math.min(args.page ?? 1, pageCount);
    const shown = owned.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE);
    const act = (command: string, msisdn: string): Action => ({ command, args: { number: formatMsisdn(msisdn), account: account.id } });
    const configure: Button[] = shown.map((n) => ({ label: `Configure ${formatMsisdn(n.msisdn)}`, action: act("numbers configure", n.msisdn) }));
    const cancel: Button[] = shown.map((n) => ({ label: `Cancel ${formatMsisdn(n.msisdn)}`, style: "danger", action: act("numbers cancel", n.msisdn) }));
    const pageAction = (n: number): Action => ({ command: "numbers list", args: { page: n, account: account.id } });
    return reply(
      [
        header(`Numbers of ${account.companyName}`),
        text(`${owned.length} number${owned.length === 1 ? "" : "s"}${pageCount > 1 ? ` · page ${page} of ${pageCount}` : ""}`, "muted"),
        ...shown.map((n) => text(ownedLine(n))),
        ...buttonRows(configure),
        ...buttonRows(cancel),
      ],
      {
        pagination: {
          page,
          pageCount,
          previous: page > 1 ? pageAction(page - 1) : undefined,
          next: page < pageCount ? pageAction(page + 1) : undefined,
        },
      },
    );
  },
});
