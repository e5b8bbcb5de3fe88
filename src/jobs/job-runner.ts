// Scheduled work. node-cron ticks on every instance; each run first claims its
// (job, slot) row, so N instances on one PostgreSQL run each tick exactly once.
import cron from "node-cron";
import type { Db } from "../data/database.ts";
import type { Clock } from "../core/clock.ts";
import type { Logger } from "../platform/logger.ts";
import { newId } from "../core/ids.ts";
import { Prisma } from "../generated/prisma/client.ts";

export type JobStats = Record<string, number | string>;

export interface JobDefinition {
  name: string;
  /** A cron expression (node-cron syntax, minute resolution). */
  schedule: string;
  run(now: Date, log: Logger): Promise<JobStats>;
}

export type SlotOutcome = { state: "ran"; stats: JobStats } | { state: "taken" } | { state: "failed"; error: string };

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
    const id = newId("run");
    const startedAt = this.clock.now();
    try {
      await this.db.jobRun.create({ data: { id, job: job.name, slot, instance: this.instanceId, startedAt } });
    } catch (error) {
      if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") return { state: "taken" };
      throw error;
    }
    const log = this.log.child({ job: job.name, slot });
    try {
      const stats = await job.run(startedAt, log);
      await this.db.jobRun.update({ where: { id }, data: { finishedAt: this.clock.now(), stats } });
      return { state: "ran", stats };
    } catch (error) {
      const message = (error as Error).message?.slice(0, 500) ?? String(error);
      log.error({ err: { message } }, "job failed");
      await this.db.jobRun.update({ where: { id }, data: { finishedAt: this.clock.now(), error: message } });
      return { state: "failed", error: message };
    }
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
