import { z } from "zod";
import { defineCommand } from "../../core/commands/definition.ts";
import { UserError } from "../../core/errors.ts";
import { header, reply, text, type Action, type Block } from "../../core/view.ts";
import type { Decimal } from "../../core/money.ts";
import { displayFor } from "../../billing/display-currency.ts";
import type { UsageFilter } from "../../usage/usage-types.ts";
import { addressArg, dayArg, statusArg } from "./usage-args.ts";
import { limitsBlocks, plural, recordLine } from "./usage-view.ts";

const PAGE_SIZE = 8;
const DAY_MS = 86_400_000;

/** The account's records that match, newest first, a page at a time. */
export const usageSearchCommand = defineCommand({
  path: "usage search",
  description: "Find messages and calls by number, status, date or text, newest first",
  examples: ["usage search to:+447700900123", "usage search status:failed since:2026-01-01", 'usage search text:"your code"'],
  args: z.object({
    to: addressArg.optional(),
    from: addressArg.optional(),
    status: statusArg.optional(),
    since: dayArg.optional(),
    until: dayArg.optional(),
    text: z.string().trim().min(1).max(100).optional(),
    page: z.coerce.number().int().min(1).max(1000).optional(),
  }),
  fields: {
    to: { label: "To (number)", kind: "phone" },
    from: { label: "From (number or sender ID)" },
    status: { label: "Status (submitted, delivered, failed, received)" },
    since: { label: "Since (YYYY-MM-DD)", kind: "date" },
    until: { label: "Until (YYYY-MM-DD, included)", kind: "date" },
    text: { label: "Text contains" },
  },
  access: "member",
  sideEffect: "read",
  needsAccount: true,
  async handler(ctx, args) {
    const { account } = ctx;
    // "until" names a day that is included: the range ends at the start of the next one.
    const until = args.until ? new Date(args.until.getTime() + DAY_MS) : undefined;
    if (args.since && until && args.since >= until) throw new UserError("invalid_range", "`since:` is after `until:`.", { field: "since" });
    const filter: UsageFilter = { to: args.to, from: args.from, status: args.status, since: args.since, until, text: args.text };
    const source = ctx.services.usage.sourceFor(account, ctx.clock);
    const page = args.page ?? 1;
    const found = await source.search(filter, { offset: (page - 1) * PAGE_SIZE, size: PAGE_SIZE });
    const display = await displayFor(ctx.services.billing.fx, account.displayCurrency, ctx.clock);
    const money = (eur: Decimal) => display.format(eur);
    const described = describe(args);
    if (found.total === 0) {
      return reply([text(`No records of ${account.companyName} match${described ? ` ${described}` : ""}.`), ...limitsBlocks(source.limits)]);
    }
    const pageCount = Math.max(1, Math.ceil(found.total / PAGE_SIZE));
    const count = found.capped ? `more than ${found.total.toLocaleString("en")} records` : plural(found.total, "record");
    const blocks: Block[] = [
      header(`Records of ${account.companyName}${described ? ` · ${described}` : ""}`),
      text(`${count}, newest first · page ${page} of ${found.capped ? `${pageCount}+` : pageCount}`, "muted"),
      ...found.records.map((r) => text(recordLine(r, money))),
      ...limitsBlocks(source.limits),
    ];
    const { page: _page, ...rest } = args;
    const base = Object.fromEntries(Object.entries({ ...rest, since: day(args.since), until: day(args.until) }).filter(([, v]) => v !== undefined));
    const at = (n: number): Action => ({ command: "usage search", args: { ...base, page: n, account: account.id } });
    return reply(blocks, {
      pagination: { page, pageCount, previous: page > 1 ? at(page - 1) : undefined, next: page < pageCount ? at(page + 1) : undefined },
    });
  },
});

const day = (d?: Date) => d?.toISOString().slice(0, 10);

function describe(args: { to?: string; from?: string; status?: string; since?: Date; until?: Date; text?: string }): string {
  const parts = [
    args.to && `to ${args.to}`,
    args.from && `from ${args.from}`,
    args.status && args.status,
    args.since && `since ${day(args.since)}`,
    args.until && `until ${day(args.until)}`,
    args.text && `containing “${args.text}”`,
  ].filter(Boolean);
  return parts.join(", ");
}
