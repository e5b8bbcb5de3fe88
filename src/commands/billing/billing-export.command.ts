import { z } from "zod";
import dayjs from "dayjs";
import utc from "dayjs/plugin/utc.js";
import { defineCommand } from "../../core/commands/definition.ts";
import { UserError } from "../../core/errors.ts";
import { reply, text } from "../../core/view.ts";
import { dayArg } from "./billing-args.ts";

dayjs.extend(utc);

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

export const billingExportCommand = defineCommand({
  path: "billing export",
  description: "Download the transactions or the account activity as a spreadsheet (.xlsx)",
  examples: ["billing export transactions", "billing export activity from:2026-01-01 to:2026-01-31"],
  args: z.object({ what: z.enum(["transactions", "activity"]), from: dayArg.optional(), to: dayArg.optional() }),
  positional: ["what"],
  fields: {
    from: { label: "From (YYYY-MM-DD)", kind: "date", hint: "Defaults to the account's creation." },
    to: { label: "To (YYYY-MM-DD, included)", kind: "date", hint: "Defaults to today." },
  },
  access: "payments",
  sideEffect: "read",
  needsAccount: true,
  requires: "invoices",
  async handler(ctx, { what, from, to }) {
    const { account } = ctx;
    const start = from ?? dayjs.utc(account.createdAt).startOf("day").toDate();
    // "to" names a day that is included: the range ends at the start of the next one.
    const end = dayjs.utc(to ?? ctx.clock.now()).startOf("day").add(1, "day").toDate();
    if (start >= end) throw new UserError("invalid_range", "The start date is after the end date.", { field: "from" });
    const { buffer, rows } = await ctx.services.billing.exports.workbook(what, account.id, start, end);
    const range = `${dayjs.utc(start).format("YYYY-MM-DD")}_${dayjs.utc(end).subtract(1, "day").format("YYYY-MM-DD")}`;
    return reply([text(`${what === "transactions" ? "Transactions" : "Account activity"} of ${account.companyName}: ${rows} row${rows === 1 ? "" : "s"}.`)], {
      files: [{ name: `${what}-${account.apiKey}-${range}.xlsx`, mimeType: XLSX, content: buffer, title: `${what} ${range}` }],
    });
  },
});
