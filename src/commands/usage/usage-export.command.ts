import { defineCommand } from "../../core/commands/definition.ts";
import { reply, text } from "../../core/view.ts";
import { periodSlug, resolvePeriod } from "../../usage/usage-period.ts";
import { USAGE_EXPORT_LIMIT, usageCsv, usageWorkbook } from "../../usage/usage-export.ts";
import { usagePeriodArgs, usagePeriodFields } from "./usage-args.ts";
import { limitsBlocks, plural } from "./usage-view.ts";

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** The period's records as a spreadsheet and as CSV, like the billing exports. */
export const usageExportCommand = defineCommand({
  path: "usage export",
  description: "Download the period's message and call records as a spreadsheet (.xlsx) and CSV",
  examples: ["usage export", "usage export 30d", "usage export from:2026-01-01 to:2026-01-31"],
  args: usagePeriodArgs,
  positional: ["period"],
  fields: usagePeriodFields,
  access: "member",
  sideEffect: "read",
  needsAccount: true,
  async handler(ctx, args) {
    const { account } = ctx;
    const period = resolvePeriod(ctx.clock.now(), args.period, args.from, args.to);
    const source = ctx.services.usage.sourceFor(account, ctx.clock);
    const records = await source.records(period, USAGE_EXPORT_LIMIT + 1);
    const shown = records.slice(0, USAGE_EXPORT_LIMIT);
    const name = `usage-${account.apiKey}-${periodSlug(period)}`;
    const cut = records.length > USAGE_EXPORT_LIMIT ? [text(`Only the first ${USAGE_EXPORT_LIMIT.toLocaleString("en")} records fit one export: choose a shorter period for the rest.`, "warning")] : [];
    return reply([text(`Usage records of ${account.companyName}, ${period.label}: ${plural(shown.length, "record")}.`), ...cut, ...limitsBlocks(source.limits)], {
      files: [
        { name: `${name}.xlsx`, mimeType: XLSX, content: await usageWorkbook(shown), title: `Usage ${periodSlug(period)}` },
        { name: `${name}.csv`, mimeType: "text/csv", content: usageCsv(shown), title: `Usage ${periodSlug(period)} (CSV)` },
      ],
    });
  },
});
