// Scheduled work. node-cron ticks on every instance; each run first claims its
// (job, slot) row, so N instances on one PostgreSQL run each tick exactly once.
import cron from "node-cron";
import type { Db } from "../data/database.ts";
import type { Clock } from "../core/clock.ts";
import type { Logger } from "../platform/logger.ts";
import { newId } from "../core/ids.ts";
import { Prisma } from "../generated/prisma/client.ts";

export type JobStats = Record<string, number | string>;

/**
 * Where a sweep stands. A run saves its cursor after each batch it finished; a run taken
 * over from a dead instance starts after `resumeAfter` instead of from the beginning.
 */
export interface JobProgress {
  resumeAfter: string;
  save(cursor: string): Promise<void>;
}

export interface JobDefinition {
  name: string;
  /** A cron expression (node-cron syntax, minute resolution). */
  schedule: string;
  /** `progress` is given by the job runner; a direct call sweeps everything. */
  run(now: Date, log: Logger, progress?: JobProgress): Promise<JobStats>;
}

export type SlotOutcome = { state: "ran"; stats: JobStats; resumed?: ResumedRun } | { state: "taken"; resumed?: ResumedRun } | { state: "failed"; error: string; resumed?: ResumedRun };

/** An abandoned run this tick finished first. */
export interface ResumedRun {
  slot: string;
  from: string;
  outcome: "ran" | "failed";
}

/**
 * How long a run owns its slot without a sign of life. Each saved batch renews it; a run
 * that does not renew it in this time is taken to be dead and resumed by the next tick.
 */
export const JOB_LEASE_MS = 10 * 60_000;

export class JobRunner {
  private readonly tasks: { stop(): void | Promise<void> }[] = [];
  private readonly running = new Set<Promise<unknown>>();

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly log: Logger,
    private readonly instanceId: string,
  ) {}

  /** The slot a tick belongs to: its minute, so every instance names it the same. */
  static slotOf(date: Date): string {
    return date.toISOString().slice(0, 16);
  }

  async runSlot(job: JobDefinition, slot: string): Promise<SlotOutcome> {
    const resumed = await this.resumeAbandoned(job);
    const id = newId("run");
    const startedAt = this.clock.now();
    try {
      await this.db.jobRun.create({ data: { id, job: job.name, slot, instance: this.instanceId, startedAt, leaseUntil: this.leaseFrom(startedAt) } });
    } catch (error) {
      if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") return { state: "taken", resumed };
      throw error;
    }
    return { ...(await this.execute(job, id, slot, startedAt, "")), resumed };
  }

  /**
   * A run whose instance died (no finish, lease passed) is taken over by one instance,
   * which finishes it from its saved cursor, at the time the run was for.
   */
  private async resumeAbandoned(job: JobDefinition): Promise<ResumedRun | undefined> {
    const now = this.clock.now();
    const abandoned = await this.db.jobRun.findFirst({
      where: { job: job.name, finishedAt: null, leaseUntil: { lt: now } },
      orderBy: { startedAt: "asc" },
      select: { id: true, slot: true, startedAt: true, cursor: true, leaseUntil: true },
    });
    if (!abandoned) return undefined;
    const { count } = await this.db.jobRun.updateMany({
      where: { id: abandoned.id, finishedAt: null, leaseUntil: abandoned.leaseUntil },
      data: { instance: this.instanceId, leaseUntil: this.leaseFrom(now) },
    });
    if (count === 0) return undefined; // another instance took it over first
    const from = abandoned.cursor ?? "";
    this.log.warn({ job: job.name, slot: abandoned.slot, from }, "resuming a run its instance abandoned");
    const outcome = await this.execute(job, abandoned.id, abandoned.slot, abandoned.startedAt, from);
    return { slot: abandoned.slot, from, outcome: outcome.state };
  }

  private async execute(job: JobDefinition, id: string, slot: string, startedAt: Date, from: string): Promise<Exclude<SlotOutcome, { state: "taken" }>> {
    const log = this.log.child({ job: job.name, slot });
    const progress: JobProgress = {
      resumeAfter: from,
      save: async (cursor) => {
        await this.db.jobRun.update({ where: { id }, data: { cursor, leaseUntil: this.leaseFrom(this.clock.now()) } });
        // A turn of the event loop after each batch. On the embedded database every
        // statement runs on this thread and answers through promises alone, so a sweep
        // never let the loop turn: no request, Slack ack or timer was served until the
        // whole pass ended (a 100,000-rental renewal pass is 20-40 s).
        await new Promise((resolve) => setImmediate(resolve));
      },
    };
    try {
      const stats = await job.run(startedAt, log, progress);
      await this.db.jobRun.update({ where: { id }, data: { finishedAt: this.clock.now(), stats } });
      return { state: "ran", stats };
    } catch (error) {
      const message = (error as Error).message?.slice(0, 500) ?? String(error);
      log.error({ err: { message } }, "job failed");
      await this.db.jobRun.update({ where: { id }, data: { finishedAt: this.clock.now(), error: message } });
      return { state: "failed", error: message };
    }
  }

  private leaseFrom(now: Date): Date {
    return new Date(now.getTime() + JOB_LEASE_MS);
  }

  start(jobs: JobDefinition[]): void {
    for (const job of jobs) {
      const task = cron.schedule(job.schedule, () => {
        const run = this.runSlot(job, JobRunner.slotOf(this.clock.now())).catch((error) =>
          this.log.error({ job: job.name, err: { message: (error as Error).message } }, "could not run job"),
        );
        this.running.add(run);
        void run.finally(() => this.running.delete(run));
      });
      this.tasks.push(task);
    }
  }

  /** Stops ticking and waits for runs in progress. */
  async stop(): Promise<void> {
    for (const task of this.tasks.splice(0)) await task.stop();
    await Promise.allSettled([...this.running]);
  }

  async lastRuns() {
    const rows = await this.db.jobRun.findMany({
      orderBy: { startedAt: "desc" },
      take: 50,
      select: { job: true, slot: true, instance: true, startedAt: true, finishedAt: true, stats: true, error: true },
    });
    const latest = new Map<string, (typeof rows)[number]>();
    for (const row of rows) if (!latest.has(row.job)) latest.set(row.job, row);
    return [...latest.values()];
  }
}
