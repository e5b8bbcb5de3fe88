// `sandbox advance` moves one sandbox account's clock forward and replays, in time order,
// everything time would have done meanwhile. Each part of the platform registers its
// time-driven step here: renewals, settlements, expiries (scheduled: they know when they
// are due) and the periodic checks (auto-reload every 10 minutes, balance hourly).
//
// Nothing else moves a sandbox balance during an advance, so a periodic check only needs
// to run at its first tick after the start, after each scheduled step, and again after a
// tick where it did something (a declined reload is tried again ten minutes later):
// replaying all 13,000 ten-minute ticks of a quarter would find nothing more.
import type { AccountRecord } from "../accounts/directory.ts";

export interface ScheduledStep {
  name: string;
  /** Breaks ties at the same instant: lower first. */
  order: number;
  /** The earliest time in (after, until] at which the step has work, if any. */
  nextDue(account: AccountRecord, after: Date, until: Date): Promise<Date | undefined>;
  /** Does everything due at or before `at`. Returns a line for the advance report. */
  run(account: AccountRecord, at: Date): Promise<string | void>;
}

export interface PeriodicStep {
  name: string;
  order: number;
  everyMs: number;
  run(account: AccountRecord, at: Date): Promise<string | void>;
}

const MAX_STREAK = 50;

export class SandboxTimeline {
  private readonly scheduled: ScheduledStep[] = [];
  private readonly periodic: PeriodicStep[] = [];

  addScheduled(step: ScheduledStep): void {
    this.scheduled.push(step);
  }

  addPeriodic(step: PeriodicStep): void {
    this.periodic.push(step);
  }

  async replay(account: AccountRecord, from: Date, to: Date): Promise<string[]> {
    const notes: string[] = [];
    const pending = new Set(this.periodic);
    const streaks = new Map<PeriodicStep, number>();
    const lastRun = new Map<PeriodicStep, Date>();
    let cursor = from;
    for (;;) {
      const candidates: { at: Date; order: number; step: ScheduledStep | PeriodicStep; periodic: boolean }[] = [];
      for (const step of this.scheduled) {
        const at = await step.nextDue(account, cursor, to);
        if (at && at > cursor && at <= to) candidates.push({ at, order: step.order, step, periodic: false });
      }
      for (const step of pending) {
        const at = nextTick(step, lastRun.get(step) ?? from, cursor);
        if (at <= to) candidates.push({ at, order: step.order, step, periodic: true });
      }
      if (candidates.length === 0) return notes;
      candidates.sort((a, b) => a.at.getTime() - b.at.getTime() || a.order - b.order);
      const next = candidates[0]!;
      const note = await next.step.run(account, next.at);
      if (note) notes.push(note);
      if (next.periodic) {
        const step = next.step as PeriodicStep;
        lastRun.set(step, next.at);
        const streak = note ? (streaks.get(step) ?? 0) + 1 : 0;
        streaks.set(step, streak);
        // A step that acted runs again at its next tick; a bounded streak keeps a step that
        // acts every tick (a reload that never lifts the balance) from replaying a quarter.
        if (!note || streak >= MAX_STREAK) pending.delete(step);
      } else for (const step of this.periodic) pending.add(step);
      cursor = next.at;
    }
  }
}

/**
 * A periodic step's next tick: the first after its own last run (or the start), and not
 * before the cursor. Measured from the step's own last run, not from the cursor: two steps
 * ticking at the same instant both run then (the cursor moving to 13:00 for the 10-minute
 * auto-reload check must not skip the hourly balance check due at 13:00 too), and a step
 * re-armed by a scheduled step at an instant that is also its tick runs at that instant,
 * after it, as the real jobs would.
 */
function nextTick(step: PeriodicStep, last: Date, cursor: Date): Date {
  const after = new Date(Math.floor(last.getTime() / step.everyMs) * step.everyMs + step.everyMs);
  if (after >= cursor) return after;
  return new Date(Math.ceil(cursor.getTime() / step.everyMs) * step.everyMs);
}
