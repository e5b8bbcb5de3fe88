// Who did what, when and from where: every mutating command, whatever its outcome.
import type { Db } from "../data/database.ts";
import { newId } from "../core/ids.ts";

export interface AuditRecord {
  requestId: string;
  accountId?: string;
  actor: string;
  origin: string;
  command: string;
  args: Record<string, unknown>;
  outcome: "ok" | "user-error" | "error";
  at: Date;
}

export class AuditLog {
  constructor(private readonly db: Db) {}

  async record(entry: AuditRecord): Promise<void> {
    await this.db.auditEntry.create({ data: { id: newId("aud"), ...entry, args: entry.args as object } });
  }

  async recent(accountId: string, limit = 10) {
    return this.db.auditEntry.findMany({
      where: { accountId },
      orderBy: { at: "desc" },
      take: limit,
      select: { actor: true, command: true, outcome: true, at: true },
    });
  }
}
