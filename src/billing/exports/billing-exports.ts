// The spreadsheets `billing export` downloads, bound to the database.
import type { Db } from "../../data/database.ts";
import { transactionsWorkbook } from "./transactions-export.ts";
import { activityWorkbook } from "./activity-export.ts";

export type ExportKind = "transactions" | "activity";

export class BillingExports {
  constructor(private readonly db: Db) {}

  /** The account's transactions or activity from `from` (included) to `to` (excluded). */
  workbook(kind: ExportKind, accountId: string, from: Date, to: Date): Promise<{ buffer: Buffer; rows: number }> {
    const build = kind === "transactions" ? transactionsWorkbook : activityWorkbook;
    return build(this.db, accountId, from, to);
  }
}
