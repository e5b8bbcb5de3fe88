// Monthly rent: the daily job and `sandbox advance` (through the timeline) charge each
// number once per period from its original subscription date, in batches, and release
// the numbers whose rent the balance cannot cover.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import dayjs from "dayjs";
import utc from "dayjs/plugin/utc.js";
import { createTestApp, type TestApp } from "../helpers/test-app.ts";
import { createTestAccount } from "../helpers/accounts.ts";
import { rentEntries, topUp } from "../helpers/numbers.ts";
import { renewalsOf } from "../../src/numbers/numbers-module.ts";
import { renewalsJob } from "../../src/numbers/renewals.job.ts";
import { jobDefinitions } from "../../src/jobs/index.ts";
import { loadConfig } from "../../src/config.ts";
import { silentLogger } from "../../src/platform/logger.ts";
import type { AccountRecord } from "../../src/accounts/directory.ts";
import type { NumberSearchQuery } from "../../src/providers/number-provider.ts";

dayjs.extend(utc);

let app: TestApp;
let account: AccountRecord;

beforeEach(async () => {
  app = await createTestApp({ now: new Date("2026-01-15T10:00:00Z") });
  ({ account } = await createTestAccount(app));
});
afterEach(() => app.close());

/** Rents the first `count` numbers a search lists, straight through the provider. */
async function rentNumbers(who: AccountRecord, query: Omit<NumberSearchQuery, "page" | "pageSize">, count: number, at = app.clock.now()) {
  const provider = app.services.numberProviders.for(who);
  const { numbers } = await provider.search(who, { ...query, page: 1, pageSize: count });
  for (const n of numbers) await provider.rent(who, n.msisdn, at);
  return numbers.map((n) => n.msisdn);
}

const job = () => renewalsJob(renewalsOf(app.services), "15 0 * * *");
const refsOf = async (id: string) => (await rentEntries(app, id)).map((e) => e.ref.replace(/num_\w+/, "num"));

describe("renewals job", () => {
  it("is scheduled from the configuration", () => {
    const config = loadConfig({ RENEWALS_CRON: "30 1 * * *" });
    expect(jobDefinitions(app.services, config).find((j) => j.name === "renewals")?.schedule).toBe("30 1 * * *");
  });

  it("charges a number on its renewal day, once", async () => {
    await rentNumbers(account, { country: "GB", type: "mobile-lvn" }, 1);
    app.clock.set(new Date("2026-02-14T23:59:00Z"));
    expect(await job().run(app.clock.now(), silentLogger)).toMatchObject({ renewed: 0 });
    app.clock.set(new Date("2026-02-15T00:15:00Z"));
    expect(await job().run(app.clock.now(), silentLogger)).toMatchObject({ renewed: 1, released: 0 });
    expect(await job().run(app.clock.now(), silentLogger)).toMatchObject({ renewed: 0 });
    expect(await refsOf(account.id)).toEqual(["rent:num:0", "rent:num:1"]);
    expect((await app.services.ledger.balance(account.id)).toFixed(2)).toBe("0.30");
    expect((await app.run("numbers list")).text).toContain("renews 15 Mar 2026");
  });

  it("charges each missed month separately, dated on its renewal day", async () => {
    await topUp(app, account.id, "10.00");
    await rentNumbers(account, { country: "GB", type: "landline" }, 1);
    app.clock.set(new Date("2026-04-20T00:15:00Z"));
    expect(await job().run(app.clock.now(), silentLogger)).toMatchObject({ renewed: 3 });
    const entries = await rentEntries(app, account.id);
    expect(entries.map((e) => e.createdAt.toISOString().slice(0, 10))).toEqual(["2026-01-15", "2026-02-15", "2026-03-15", "2026-04-15"]);
  });

  it("works through many numbers in batches", async () => {
    await topUp(app, account.id, "100.00");
    await rentNumbers(account, { country: "FR", type: "mobile-lvn" }, 23);
    app.clock.set(new Date("2026-02-15T00:15:00Z"));
    const stats = await renewalsOf(app.services).runDue(app.clock.now(), { batchSize: 10 });
    expect(stats).toMatchObject({ renewed: 23, released: 0, batches: 3, failed: 0 });
    expect((await rentEntries(app, account.id)).length).toBe(46);
  });

  it("skips a rental that fails and renews the others", async () => {
    await topUp(app, account.id, "10.00");
    const [broken] = await rentNumbers(account, { country: "GB", type: "landline" }, 3);
    const renewals = renewalsOf(app.services);
    const brokenId = (await app.services.db.numberRental.findFirstOrThrow({ where: { msisdn: broken! }, select: { id: true } })).id;
    // A real failure inside the database: any write to that one rental is refused.
    const { db } = app.services;
    await db.$executeRawUnsafe(`CREATE FUNCTION refuse_rental() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'disk on fire'; END $$ LANGUAGE plpgsql`);
    await db.$executeRawUnsafe(`CREATE TRIGGER refuse BEFORE UPDATE ON "NumberRental" FOR EACH ROW WHEN (OLD.id = '${brokenId}') EXECUTE FUNCTION refuse_rental()`);
    app.clock.set(new Date("2026-02-15T00:15:00Z"));
    // One batch holding all three: it fails as a whole, then each rental is tried on its own.
    expect(await renewals.runDue(app.clock.now())).toMatchObject({ renewed: 2, failed: 1, batches: 1 });
    expect(await renewals.runDue(app.clock.now(), { batchSize: 1 })).toMatchObject({ renewed: 0, failed: 1, batches: 1 });
    await db.$executeRawUnsafe(`DROP TRIGGER refuse ON "NumberRental"`);
    expect(await renewalsOf(app.services).runDue(app.clock.now())).toMatchObject({ renewed: 1, failed: 0 });
  });

  it("releases a number whose rent the balance cannot cover, and tells the account", async () => {
    const [msisdn] = await rentNumbers(account, { country: "GB", type: "mobile-lvn" }, 1); // €2.00 → €1.15
    app.clock.set(new Date("2026-04-15T00:15:00Z"));
    expect(await job().run(app.clock.now(), silentLogger)).toMatchObject({ renewed: 1, released: 1 }); // Feb paid, Mar not
    expect(await refsOf(account.id)).toEqual(["rent:num:0", "rent:num:1"]);
    expect((await app.services.ledger.balance(account.id)).toFixed(2)).toBe("0.30");
    const events = await app.services.events.recent(account.id);
    expect(events.map((e) => e.type)).toEqual(expect.arrayContaining(["number.renewal_failed", "number.released"]));
    expect(events.find((e) => e.type === "number.renewal_failed")!.summary).toBe(
      `The €0.85 rent of +${msisdn} due 15 Mar 2026 could not be taken: the balance was €0.30.`,
    );
    expect(events.find((e) => e.type === "number.released")!.summary).toBe(`+${msisdn} was released: the balance could not cover its rent.`);
    expect((await app.run("numbers list")).text).toContain("has no numbers yet");
    expect(await app.services.numberProviders.for(account).available(account, msisdn!)).toBeDefined();
    expect(await job().run(app.clock.now(), silentLogger)).toMatchObject({ renewed: 0, released: 0 });
  });

  it("renews a sandbox account whose clock runs ahead at its own time", async () => {
    const ahead = 20 * 24 * 3600 * 1000;
    await app.services.db.account.update({ where: { id: account.id }, data: { clockOffsetMs: BigInt(ahead) } });
    const { account: other } = await createTestAccount(app, { workspace: "console:other" });
    await rentNumbers(account, { country: "GB", type: "mobile-lvn" }, 1);
    await rentNumbers(other, { country: "GB", type: "mobile-lvn" }, 1);
    app.clock.set(new Date("2026-01-27T00:15:00Z")); // the account's time: 16 Feb
    expect(await job().run(app.clock.now(), silentLogger)).toMatchObject({ renewed: 1 });
    expect((await rentEntries(app, account.id)).length).toBe(2);
    expect((await rentEntries(app, other.id)).length).toBe(1);
  });
});

describe("sandbox advance", () => {
  it("replays three months of renewals through the timeline: three rents", async () => {
    await topUp(app, account.id, "20.00");
    await app.run("numbers rent +447451290774 confirm:yes");
    const from = app.clock.now();
    const to = dayjs.utc(from).add(3, "month").toDate();
    const notes = await app.services.timeline.replay(account, from, to);
    expect(notes).toEqual([
      "15 Feb 2026: renewed +447451290774 for €0.85",
      "15 Mar 2026: renewed +447451290774 for €0.85",
      "15 Apr 2026: renewed +447451290774 for €0.85",
    ]);
    expect(await refsOf(account.id)).toEqual(["rent:num:0", "rent:num:1", "rent:num:2", "rent:num:3"]);
    expect(await app.services.timeline.replay(account, from, to)).toEqual([]);
  });

  it("follows the month-end rule across the replay", async () => {
    app.clock.set(new Date("2015-02-28T09:00:00Z"));
    const { account: early } = await createTestAccount(app, { workspace: "console:2015" });
    await topUp(app, early.id, "20.00");
    await rentNumbers(early, { country: "GB", type: "landline" }, 1);
    await app.services.timeline.replay(early, app.clock.now(), new Date("2015-05-01T00:00:00Z"));
    const dates = (await rentEntries(app, early.id)).map((e) => e.createdAt.toISOString().slice(0, 10));
    expect(dates).toEqual(["2015-02-28", "2015-03-31", "2015-04-30"]);
  });
});
