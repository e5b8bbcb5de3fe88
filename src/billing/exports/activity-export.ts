// The account activity export: account events (what happened) and the audit log (who ran
// which command), merged in time order.
import type { Db } from "../../data/database.ts";
import { DATE_FORMAT, workbookBuffer } from "./workbook.ts";
import { EXPORT_ROW_LIMIT } from "./transactions-export.ts";

export async function activityWorkbook(db: Db, accountId: string, from: Date, to: Date): Promise<{ buffer: Buffer; rows: number }> {
  const range = { gte: from, lt: to };
  const events = await db.accountEvent.findMany({
    where: { accountId, at: range },
    orderBy: { at: "asc" },
    take: EXPORT_ROW_LIMIT,
    select: { at: true, type: true, summary: true },
  });
  const audits = await db.auditEntry.findMany({
    where: { accountId, at: range },
    orderBy: { at: "asc" },
    take: EXPORT_ROW_LIMIT,
    select: { at: true, actor: true, origin: true, command: true, args: true, outcome: true },
  });
  const rows = [
    ...events.map((e) => ({ at: e.at, source: "event", what: e.type, detail: e.summary, who: "", where: "", outcome: "" })),
    ...audits.map((a) => ({ at: a.at, source: "command", what: a.command, detail: JSON.stringify(a.args), who: a.actor, where: a.origin, outcome: a.outcome })),
  ].sort((a, b) => a.at.getTime() - b.at.getTime());
  const buffer = await workbookBuffer([
    {
      name: "Activity",
      columns: [
        { header: "Date (UTC)", key: "at", width: 18, numFmt: DATE_FORMAT },
        { header: "Source", key: "source", width: 10 },
        { header: "What", key: "what", width: 24 },
        { header: "Detail", key: "detail", width: 70 },
        { header: "Who", key: "who", width: 28 },
        { header: "Where", key: "where", width: 28 },
        { header: "Outcome", key: "outcome", width: 12 },
      ],
      rows,
    },
  ]);
  return { buffer, rows: rows.length };
}
