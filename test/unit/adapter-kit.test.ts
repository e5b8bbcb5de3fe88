// The shared adapter kit: answer within a platform's deadline or defer, let work that
// outlived the answer finish at shutdown, and coalesce runs that only need the latest state.
import { describe, expect, it } from "vitest";
import { answerWithin, within } from "../../adapters/shared/deadline.ts";
import { BackgroundWork } from "../../adapters/shared/background-work.ts";
import { CoalescedRuns } from "../../adapters/shared/coalesced-runs.ts";

const after = <T>(ms: number, value: T) => new Promise<T>((resolve) => setTimeout(resolve, ms, value));

describe("answering within a deadline", () => {
  it("gives the value when the work settles in time, even an undefined one", async () => {
    expect(await within(after(5, "done"), 200)).toEqual({ value: "done" });
    expect(await within(Promise.resolve(undefined), 200)).toEqual({ value: undefined });
  });

  it("gives nothing when the work is late, and the work carries on", async () => {
    const work = after(80, "late");
    expect(await within(work, 10)).toBeUndefined();
    expect(await work).toBe("late");
  });

  it("answers now when the result is ready in time", async () => {
    const seen: string[] = [];
    const result = await answerWithin(after(5, "r"), 200, {
      now: async (v) => void seen.push(`now ${v}`),
      defer: async () => void seen.push("defer"),
      later: async (v) => void seen.push(`later ${v}`),
    });
    expect(result).toBe("r");
    expect(seen).toEqual(["now r"]);
  });

  it("defers first and answers later when it is not", async () => {
    const seen: string[] = [];
    const result = await answerWithin(after(60, "r"), 10, {
      now: async (v) => void seen.push(`now ${v}`),
      defer: async () => void seen.push("defer"),
      later: async (v) => void seen.push(`later ${v}`),
    });
    expect(result).toBe("r");
    expect(seen).toEqual(["defer", "later r"]);
  });
});

describe("background work", () => {
  it("waits at shutdown for work in flight, but no longer than allowed", async () => {
    const work = new BackgroundWork();
    let finished = false;
    void work.track(after(30, undefined).then(() => (finished = true)));
    await work.drain(1_000);
    expect(finished).toBe(true);

    void work.track(after(5_000, undefined));
    const started = Date.now();
    await work.drain(50);
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it("returns the tracked promise, and a failure does not escape the record", async () => {
    const work = new BackgroundWork();
    await expect(work.track(Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    await work.drain(100);
  });
});

describe("coalesced runs", () => {
  it("runs a burst as at most two runs, the second merging everything that came while the first ran", async () => {
    const ran: string[][] = [];
    const idle: boolean[] = [];
    let finishFirst!: () => void;
    const firstHeld = new Promise<void>((resolve) => (finishFirst = resolve));
    const runs = new CoalescedRuns<string[]>({
      run: async (_key, value) => {
        ran.push(value);
        if (ran.length === 1) await firstHeld;
      },
      merge: (waiting, next) => [...waiting, ...next],
      afterRun: (_key, _value, _result, isIdle) => idle.push(isIdle),
    });
    const done = runs.request("u1", ["change 1"]);
    for (let i = 2; i <= 10; i++) void runs.request("u1", [`change ${i}`]);
    const other = runs.request("u2", ["other user"]);
    await other;
    finishFirst();
    await done;
    expect(ran).toEqual([["change 1"], ["other user"], Array.from({ length: 9 }, (_, i) => `change ${i + 2}`)]);
    expect(idle).toEqual([true, false, true]);
    expect(runs.busy).toBe(0);
  });

  it("carries on after a run that failed", async () => {
    let calls = 0;
    const runs = new CoalescedRuns<number>({
      run: async () => {
        calls++;
        if (calls === 1) throw new Error("boom");
      },
      merge: (_waiting, next) => next,
    });
    const first = runs.request("k", 1);
    void runs.request("k", 2);
    await first;
    expect(calls).toBe(2);
  });
});
