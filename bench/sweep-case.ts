// One sweep benchmark case, in three processes so that the sweep's peak RSS is its own and
// not the migrations', the seeding's or the floor query's (on PGlite the database's memory
// is the process's, and it never shrinks: the floor over 100,000 rows at once grew it more
// than the sweep did):
//   seed:  applies the migrations to BENCH_TARGET (a PGlite data folder or a PostgreSQL
//          URL, as JSON), seeds `count` accounts and gathers statistics;
//   floor: opens the same database and times the raw selection query over every row;
//   run:   opens it again (nothing left to migrate), times the sweep and the same sweep
//          again (idle).
// Each prints one JSON line.
//   node --import tsx bench/sweep-case.ts seed|floor|run balance|renewals|autoreload <count>
import { randomBytes } from "node:crypto";
import { loadavg } from "node:os";
import { performance } from "node:perf_hooks";
import { openDatabase, type DatabaseTarget } from "../src/data/database.ts";
import { buildServices, type Services } from "../src/services.ts";
import { systemClock } from "../src/core/clock.ts";
import { silentLogger } from "../src/platform/logger.ts";
import { SecretBox } from "../src/platform/secret-box.ts";
import { renewalsOf } from "../src/numbers/numbers-module.ts";
import { DUE_BATCH_SQL } from "../src/numbers/rentals-repository.ts";
import { AUTO_RELOAD_DUE_SQL } from "../src/billing/auto-reload.ts";
import { CHANGING_PAGE_SQL } from "../src/alerts/balance-alert-repo.ts";
import { jobDefinitions } from "../src/jobs/index.ts";
import { loadConfig } from "../src/config.ts";
import type { Db } from "../src/data/database.ts";
import { seedAccounts, seedAutoReloads, seedBalanceAlerts, seedDueRentals } from "./sweep-seeds.ts";

type Kind = "balance" | "renewals" | "autoreload";

interface Case {
  seed(db: Db, count: number): Promise<void>;
  tables: string[];
  /** The raw selection over every row at once: what the sweep cannot beat. */
  floor(db: Db, count: number, now: Date): Promise<number>;
  sweep(services: Services, now: Date): Promise<Record<string, number | string>>;
}

const cases: Record<Kind, Case> = {
  balance: {
    seed: seedBalanceAlerts,
    tables: ["BalanceAlert"],
    floor: async (db, count, now) => (await db.$queryRawUnsafe<{ due: string[] }[]>(CHANGING_PAGE_SQL, "", count, String(now.getTime())))[0]!.due.length,
    sweep: (services, now) => services.alerts.balance.checkAll(now, silentLogger),
  },
  renewals: {
    seed: seedDueRentals,
    tables: ["NumberRental"],
    floor: async (db, count, now) => (await db.$queryRawUnsafe<unknown[]>(DUE_BATCH_SQL, "", String(now.getTime()), count, now.toISOString())).length,
    sweep: async (services, now) => {
      const { renewed, released, batches, failed } = await renewalsOf(services).runDue(now, { log: silentLogger });
      return { renewed, released, batches, failed };
    },
  },
  autoreload: {
    seed: seedAutoReloads,
    tables: ["PaymentMethod", "AutoReload"],
    floor: async (db, count, now) => (await db.$queryRawUnsafe<{ accountId: string | null }[]>(AUTO_RELOAD_DUE_SQL, "", count, now.toISOString())).filter((r) => r.accountId).length,
    sweep: (services, now) => jobDefinitions(services, loadConfig({ DATA_DIR: "/tmp/unused" })).find((j) => j.name === "auto-reload")!.run(now, silentLogger),
  },
};

const [mode, kind, countText] = process.argv.slice(2) as ["seed" | "floor" | "run", Kind, string];
const count = Number(countText);
const spec = cases[kind];
if (!spec || !(count > 0) || !["seed", "floor", "run"].includes(mode)) throw new Error("usage: sweep-case.ts seed|floor|run balance|renewals|autoreload <count>");
const target = JSON.parse(process.env.BENCH_TARGET ?? "") as DatabaseTarget;

const seconds = (from: number) => (performance.now() - from) / 1000;
const cpuSeconds = (from: NodeJS.CpuUsage) => {
  const used = process.cpuUsage(from);
  return (used.user + used.system) / 1e6;
};
const mb = (bytes: number) => Math.round(bytes / 1e6);
const database = await openDatabase(target, { migrate: mode === "seed" });
const db = database.prisma;
const services = buildServices({
  db,
  clock: systemClock,
  log: silentLogger,
  instanceId: "bench",
  secrets: new SecretBox(randomBytes(32)),
  settings: { publicUrl: "http://127.0.0.1:3000", devMode: false, inviteTtlDays: 7 },
});
try {
  if (mode === "seed") {
    const seedStart = performance.now();
    await seedAccounts(db, count);
    await spec.seed(db, count);
    await services.statistics.afterBulkChange(Number.MAX_SAFE_INTEGER, ["Account", "LedgerEntry", ...spec.tables]);
    console.log(JSON.stringify({ seedS: seconds(seedStart) }));
  } else {
    const openRssMb = mb(process.memoryUsage().rss);
    const now = new Date();
    const timed = async <T>(work: () => Promise<T>) => {
      const wall = performance.now();
      const cpu = process.cpuUsage();
      const result = await work();
      return { s: seconds(wall), cpuS: cpuSeconds(cpu), result };
    };
    if (mode === "floor") {
      const floor = await timed(() => spec.floor(db, count, now));
      console.log(JSON.stringify({ selected: floor.result, floorS: floor.s }));
    } else {
      const first = await timed(() => spec.sweep(services, now));
      const afterFirstRssMb = mb(process.memoryUsage().rss);
      const idle = await timed(() => spec.sweep(services, now));
      console.log(
        JSON.stringify({
          kind,
          count,
          database: database.kind,
          firstS: first.s,
          firstCpuS: first.cpuS,
          first: first.result,
          idleS: idle.s,
          idleCpuS: idle.cpuS,
          idle: idle.result,
          openRssMb,
          afterFirstRssMb,
          peakRssMb: mb(process.resourceUsage().maxRSS * 1024),
          load: loadavg().map((l) => l.toFixed(1)).join(" "),
        }),
      );
    }
  }
} finally {
  await database.close();
}
