// Planner statistics. PostgreSQL's autovacuum gathers them in the background; PGlite runs
// no background workers, so on the embedded database nothing ever does unless we ask:
// with none, the planner takes every table for empty and plans nested loops over full
// scans (the renewals' due batch took 45 s a call at 100,000 rentals, 10 ms after ANALYZE).
import type { Db } from "./database.ts";
import { isEmbedded } from "./embedded.ts";

/** A change this large (rows) is worth fresh statistics on either database. */
export const BULK_CHANGE_ROWS = 1000;

export class TableStatistics {
  constructor(private readonly db: Db) {}

  /** Whether this is PGlite, which gathers no statistics by itself (asked once). */
  isEmbedded(): Promise<boolean> {
    return isEmbedded(this.db);
  }

  /** Gathers statistics for the given tables (all, if none) now. */
  async analyze(tables: string[] = []): Promise<void> {
    const names = tables.map((t) => `"${t.replace(/"/g, "")}"`).join(", ");
    await this.db.$executeRawUnsafe(`ANALYZE ${names}`);
  }

  /** The periodic refresh (housekeeping): PostgreSQL's autovacuum already does it there. */
  async refreshIfEmbedded(): Promise<boolean> {
    if (!(await this.isEmbedded())) return false;
    await this.analyze();
    return true;
  }

  /**
   * After a sweep or seed that changed `rows` rows of `tables`: on PostgreSQL autovacuum
   * would catch up only after a while, and the next batch's plans depend on it now.
   */
  async afterBulkChange(rows: number, tables: string[]): Promise<boolean> {
    if (rows < BULK_CHANGE_ROWS) return false;
    await this.analyze(tables);
    return true;
  }
}
