import { describe, expect, it } from "vitest";
import { isTransactionConflict, jitteredPause, retryConflicts } from "../../src/data/transaction-retry.ts";
import { UserError } from "../../src/core/errors.ts";

// What the drivers throw: Prisma's P2034 over the pg adapter, a raw pg error, and Prisma's
// wrapping of a raw query's driver error.
const prismaConflict = Object.assign(new Error("Transaction failed due to a write conflict or a deadlock"), { code: "P2034" });
const pgDeadlock = Object.assign(new Error("deadlock detected"), { code: "40P01" });
const wrapped = Object.assign(new Error("raw query failed"), { code: "P2010", meta: { driverAdapterError: { cause: { originalCode: "40001", kind: "TransactionWriteConflict" } } } });

const noSleep = { sleep: async () => {} };

describe("retrying deadlocks and serialization failures", () => {
  it("recognises them however the driver reports them, and nothing else", () => {
    for (const error of [prismaConflict, pgDeadlock, wrapped]) expect(isTransactionConflict(error)).toBe(true);
    expect(isTransactionConflict(Object.assign(new Error("unique"), { code: "P2002" }))).toBe(false);
    expect(isTransactionConflict(new UserError("insufficient_balance", "no"))).toBe(false);
    expect(isTransactionConflict(undefined)).toBe(false);
  });

  it("runs the work again after a conflict and returns its result", async () => {
    let calls = 0;
    const retries: number[] = [];
    const result = await retryConflicts(
      async () => {
        calls++;
        if (calls < 3) throw calls === 1 ? pgDeadlock : prismaConflict;
        return "done";
      },
      { ...noSleep, onRetry: (n) => retries.push(n) },
    );
    expect(result).toBe("done");
    expect(calls).toBe(3);
    expect(retries).toEqual([1, 2]);
  });

  it("gives up after the bounded number of attempts with a user error, not an internal one", async () => {
    let calls = 0;
    const failing = retryConflicts(
      async () => {
        calls++;
        throw pgDeadlock;
      },
      { ...noSleep, attempts: 4 },
    );
    await expect(failing).rejects.toMatchObject({ code: "account_busy", name: "UserError" });
    expect(calls).toBe(4);
  });

  it("does not retry other failures", async () => {
    let calls = 0;
    const failing = retryConflicts(async () => {
      calls++;
      throw new UserError("insufficient_balance", "The balance does not cover it.");
    }, noSleep);
    await expect(failing).rejects.toThrow("does not cover");
    expect(calls).toBe(1);
  });

  it("pauses a random amount that grows with each retry, within bounds", () => {
    expect(jitteredPause(1, () => 0)).toBe(10);
    expect(jitteredPause(1, () => 1)).toBe(40);
    expect(jitteredPause(3, () => 0)).toBe(40);
    expect(jitteredPause(20, () => 1)).toBe(4_000);
  });
});
