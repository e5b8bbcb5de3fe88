// A mutating request does its work once per key: a Slack retry, a repeated Discord
// interaction or a double click on the same button gets the first result back.
import type { Db } from "../data/database.ts";
import { Prisma } from "../generated/prisma/client.ts";

export type Claim<T> = { state: "claimed" } | { state: "done"; result: T } | { state: "running" };

export class IdempotencyStore {
  constructor(private readonly db: Db) {}

  async claim<T>(key: string, command: string): Promise<Claim<T>> {
    try {
      await this.db.idempotencyRecord.create({ data: { key, command, status: "running" } });
      return { state: "claimed" };
    } catch (error) {
      if (!(error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002")) throw error;
      const existing = await this.db.idempotencyRecord.findUnique({ where: { key }, select: { status: true, result: true } });
      if (existing?.status === "done") return { state: "done", result: existing.result as T };
      return { state: "running" };
    }
  }

  async complete(key: string, result: unknown): Promise<void> {
    await this.db.idempotencyRecord.update({ where: { key }, data: { status: "done", result: result as object } });
  }

  /** A failed attempt releases its key so that a corrected retry can run. */
  async release(key: string): Promise<void> {
    await this.db.idempotencyRecord.deleteMany({ where: { key, status: "running" } });
  }
}
