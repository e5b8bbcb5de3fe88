// A mutating request does its work once per key: a Slack retry, a repeated Discord
// interaction or a double click on the same button gets the first result back.
import type { Db } from "../data/database.ts";
import type { Clock } from "../core/clock.ts";
import { Prisma } from "../generated/prisma/client.ts";

export type Claim<T> = { state: "claimed"; takenOver: boolean } | { state: "done"; result: T } | { state: "running" };

/**
 * How long a running request owns its key without renewing it. The dispatcher renews it
 * while the handler runs; a record whose lease has passed belongs to a process that died
 * (SIGKILL, a crash), and the next retry takes it over and runs the command again, which
 * its money operations make safe (they are keyed by the request, see CommandContext).
 * As long as a stuck payment waits before it is asked again (5 minutes), so a take-over
 * can finish what the dead run started.
 */
export const COMMAND_LEASE_MS = 5 * 60_000;

export class IdempotencyStore {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  async claim<T>(key: string, command: string): Promise<Claim<T>> {
    const now = this.clock.now();
    try {
      await this.db.idempotencyRecord.create({ data: { key, command, status: "running", leaseUntil: this.leaseFrom(now) } });
      return { state: "claimed", takenOver: false };
    } catch (error) {
      if (!(error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002")) throw error;
      const existing = await this.db.idempotencyRecord.findUnique({ where: { key }, select: { status: true, result: true } });
      if (existing?.status === "done") return { state: "done", result: existing.result as T };
      if (await this.takeOver(key, now)) return { state: "claimed", takenOver: true };
      return { state: "running" };
    }
  }

  /** Keeps the key while the handler is still working. */
  async renew(key: string): Promise<void> {
    await this.db.idempotencyRecord.updateMany({ where: { key, status: "running" }, data: { leaseUntil: this.leaseFrom(this.clock.now()) } });
  }

  async complete(key: string, result: unknown): Promise<void> {
    await this.db.idempotencyRecord.update({ where: { key }, data: { status: "done", result: result as object, leaseUntil: null } });
  }

  /** A failed attempt releases its key so that a corrected retry can run. */
  async release(key: string): Promise<void> {
    await this.db.idempotencyRecord.deleteMany({ where: { key, status: "running" } });
  }

  /** One retry wins a record whose lease has passed (records from before leases: by age). */
  private async takeOver(key: string, now: Date): Promise<boolean> {
    const { count } = await this.db.idempotencyRecord.updateMany({
      where: {
        key,
        status: "running",
        OR: [{ leaseUntil: { lt: now } }, { leaseUntil: null, createdAt: { lt: new Date(now.getTime() - COMMAND_LEASE_MS) } }],
      },
      data: { leaseUntil: this.leaseFrom(now) },
    });
    return count === 1;
  }

  private leaseFrom(now: Date): Date {
    return new Date(now.getTime() + COMMAND_LEASE_MS);
  }
}
