// A job run whose instance dies mid-sweep leaves its (job, slot) row unfinished. Once its
// lease has passed (the injected clock moves on), the next tick on any instance takes the
// run over and finishes it from its last saved cursor: nothing before the cursor is done
// twice, nothing after it is skipped. A run that died is one whose promise never settles.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createTestApp, type TestApp } from "../helpers/test-app.ts";
import { JOB_LEASE_MS, JobRunner, type JobDefinition } from "../../src/jobs/job-runner.ts";
import { silentLogger } from "../../src/platform/logger.ts";

// A busy machine may take a while; only the outcome is asserted, never the time.
const WAIT = { timeout: 60_000, interval: 50 };
let app: TestApp;
beforeAll(async () => {
  app = await createTestApp({ now: new Date("2026-01-15T10:00:00Z") });
}, 180_000);
afterAll(() => app.close());

const ITEMS = ["a1", "a2", "a3", "a4", "a5", "a6", "a7"];

/** A keyset-paged sweep over ITEMS, two at a time, like the real sweeps. */
function sweep(done: string[], dieAfter?: string): JobDefinition {
  return {
    name: "test-sweep",
    schedule: "* * * * *",
    async run(_now, _log, progress) {
      let cursor = progress?.resumeAfter ?? "";
      for (;;) {
        const batch = ITEMS.filter((i) => i > cursor).slice(0, 2);
        if (batch.length === 0) return { done: done.length };
        done.push(...batch);
        cursor = batch[batch.length - 1]!;
        await progress?.save(cursor);
        if (cursor === dieAfter) await new Promise<never>(() => {});
      }
    },
  };
}

describe("a job run whose instance died", () => {
  it("is resumed from its cursor by the next tick once its lease has passed", async () => {
    const a = new JobRunner(app.services.db, app.clock, silentLogger, "instance-a");
    const b = new JobRunner(app.services.db, app.clock, silentLogger, "instance-b");
    const done: string[] = [];
    const firstSlot = JobRunner.slotOf(app.clock.now());
    void a.runSlot(sweep(done, "a4"), firstSlot);
    await vi.waitFor(async () => {
      const row = await app.services.db.jobRun.findFirst({ where: { job: "test-sweep", slot: firstSlot }, select: { cursor: true } });
      expect(row?.cursor).toBe("a4");
    }, WAIT);

    // Still within its lease: the next tick leaves it alone.
    app.clock.advance(60_000);
    const early = await b.runSlot(sweep([]), JobRunner.slotOf(app.clock.now()));
    expect(early.resumed).toBeUndefined();

    app.clock.advance(JOB_LEASE_MS);
    const later = await b.runSlot(sweep(done), JobRunner.slotOf(app.clock.now()));
    expect(later.resumed).toEqual({ slot: firstSlot, from: "a4", outcome: "ran" });
    // The dead run did a1..a4; the take-over did a5..a7 only; the new slot swept everything.
    expect(done.slice(0, 7)).toEqual(ITEMS);
    const row = await app.services.db.jobRun.findFirst({ where: { job: "test-sweep", slot: firstSlot }, select: { finishedAt: true, instance: true, stats: true } });
    expect(row).toMatchObject({ instance: "instance-b", stats: { done: 7 } });
    expect(row?.finishedAt).not.toBeNull();

    // Taken over once only.
    app.clock.advance(JOB_LEASE_MS * 2);
    expect((await a.runSlot(sweep([]), JobRunner.slotOf(app.clock.now()))).resumed).toBeUndefined();
  }, 120_000);
});

describe("a sweep's batches", () => {
  it("let the event loop turn between them, so requests are served during a long sweep", async () => {
    const runner = new JobRunner(app.services.db, app.clock, silentLogger, "instance-a");
    // Each batch holds the thread as a statement on the embedded database does (work that
    // answers through promises alone); an HTTP request or an ack is a macrotask like this one.
    const turnsSeenAtBatch: number[] = [];
    let turns = 0;
    let ticking = true;
    // One count per turn of the loop, for as long as the run lasts (however many turns its
    // statements take: on PostgreSQL every round trip is a few).
    const tick = () => {
      turns++;
      if (ticking) setImmediate(tick);
    };
    setImmediate(tick);
    const job: JobDefinition = {
      name: "test-busy-sweep",
      schedule: "* * * * *",
      async run(_now, _log, progress) {
        for (const cursor of ["b1", "b2", "b3"]) {
          turnsSeenAtBatch.push(turns);
          await progress?.save(cursor);
        }
        return { batches: 3 };
      },
    };
    app.clock.advance(JOB_LEASE_MS * 10);
    const outcome = await runner.runSlot(job, JobRunner.slotOf(app.clock.now())).finally(() => (ticking = false));
    expect(outcome).toMatchObject({ state: "ran" });
    // Every batch after the first saw the loop turn at least once more since the one before.
    expect(turnsSeenAtBatch[1]!).toBeGreaterThan(turnsSeenAtBatch[0]!);
    expect(turnsSeenAtBatch[2]!).toBeGreaterThan(turnsSeenAtBatch[1]!);
  });
});
