// npm run load [-- --duration 30s] [--users 50]: two Switchboard instances on one
// PostgreSQL database (a fresh one on the server of DATABASE_URL or TEST_DATABASE_URL,
// dropped afterwards), each in a process of its own (scripts/load-instance.ts), driven from
// this process by simulated Slack users through signed HTTP requests to /slack/events:
// App Home openings, reads, rents, cancels, top-ups, alert changes, button clicks, and
// Slack's retries (x-slack-retry-num) of requests already sent, while the jobs (balance
// alerts, auto-reload, renewals) run every minute and the outbox posts to a fake Slack Web
// API. Prints requests, errors by kind, ack p50/p99, duplicates found (charges, posts) and
// the ledger check. A script, not a test: the figures depend on the machine. The summary is
// always printed, whatever failed on the way (a stray rejection, a check that threw, an
// instance that died or would not stop), and the exit code is non-zero when anything failed.
// --alerts-fire sets the users' balance alerts above every balance, so alerts post every minute.
// --home-openers N: how many users open the App Home tab first (default all), so that
// their changes refresh it. --profile DIR: the first instance runs under `node --cpu-prof`
// and writes its profiles into DIR/load-a when it stops.
import pg from "pg";
import os from "node:os";
import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, writeSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { spawn, type ChildProcess } from "node:child_process";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { startApp, type RunningApp } from "../adapters/app.ts";
import { loadConfig } from "../src/config.ts";
import { Decimal } from "../src/core/money.ts";
import { silentLogger } from "../src/platform/logger.ts";
import { sandboxInventory } from "../src/numbers/numbers-module.ts";
import { formatMsisdn } from "../src/numbers/msisdn.ts";
import { balanceMismatches } from "../src/billing/ledger-audit.ts";
import { newId } from "../src/core/ids.ts";
import { PERMISSIONS } from "../src/core/commands/definition.ts";
import { FakeSlackApi } from "../test/helpers/slack-fake-api.ts";
import { buttonClick, eventCallback, httpTransport, slashCommand, type Ack } from "../test/helpers/slack-requests.ts";
import type { InstanceMessage, InstanceReport } from "./load-instance.ts";

const args = process.argv.slice(2);
const option = (name: string) => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? args[at + 1] : undefined;
};
const durationMs = parseDuration(option("duration") ?? "2m");
const USERS = Number(option("users") ?? 50);
// --alerts-fire: thresholds of 5,000 and up, far above any balance, so every balance check
// fires alerts and the outbox posts every minute (the post-duplicate check has work).
const ALERT_BASE = args.includes("--alerts-fire") ? 5_000 : 170;
const HOME_OPENERS = Math.min(USERS, Number(option("home-openers") ?? USERS));
const PROFILE_DIR = option("profile");
const ACCOUNTS = 10;
/** Past the load phase: a minute for jobs and posts to finish, then the checks, with room to spare. */
const STUCK_AFTER_MS = 5 * 60_000;
const SECRET = "load-signing-secret";
/** Each instance's process: the entry, and the preload that ends it when this process's IPC channel closes. */
const instanceEntry = fileURLToPath(new URL("./load-instance.ts", import.meta.url));
const exitWithParent = fileURLToPath(new URL("../test/helpers/exit-with-parent.mjs", import.meta.url));

const serverUrl = process.env.DATABASE_URL ?? process.env.TEST_DATABASE_URL;
if (!serverUrl) {
  console.error("npm run load needs PostgreSQL: set DATABASE_URL or TEST_DATABASE_URL (e.g. postgresql://postgres@127.0.0.1:5432/test). It creates a fresh database on that server and drops it at the end. The embedded database serves one process only, so it cannot run two instances.");
  process.exit(2);
}

function parseDuration(text: string): number {
  const match = /^(\d+)(ms|s|m)?$/.exec(text.trim());
  if (!match) throw new Error(`--duration must look like 30s, 2m or 90000ms, not "${text}"`);
  const n = Number(match[1]);
  return match[2] === "ms" ? n : match[2] === "m" ? n * 60_000 : n * 1000;
}

// ---- failures that must not go unseen
// The instances run as `npm start` runs them: a stray rejection in background work is
// logged and the process carries on (src/platform/process-guard.ts). Here it is printed at
// once, counted (each instance reports its own), and fails the run. A run that ends before
// its summary (the event loop emptied while the script still waited on something) says so
// and exits non-zero. However this process ends, its instances end with it: killed on exit
// here, and each ends itself when its IPC channel closes (exit-with-parent.mjs), should this
// process be killed outright.
const strays: string[] = [];
const stray = (kind: string) => (error: unknown) => {
  const text = `${kind}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`;
  strays.push(text);
  console.error(`load: ${text}`);
};
process.on("unhandledRejection", stray("unhandled rejection"));
process.on("uncaughtException", stray("uncaught exception"));
let summaryPrinted = false;
const children = new Set<ChildProcess>();
process.on("exit", (code) => {
  for (const child of children) child.kill("SIGKILL");
  if (summaryPrinted) return;
  writeSync(2, `load: ended (exit code ${code}) before printing its summary: something the script awaited never settled\n`);
  if (code === 0) process.exitCode = 1;
});

// ---- a fresh database on the server
const dbName = `sb_load_${randomBytes(5).toString("hex")}`;
const admin = new pg.Client({ connectionString: serverUrl });
await admin.connect();
await admin.query(`CREATE DATABASE ${dbName}`);
await admin.end();
const url = new URL(serverUrl);
url.pathname = `/${dbName}`;

const fake = await new FakeSlackApi().start();
/** This process's own Switchboard: no HTTP server, no jobs; it seeds the accounts and reads the database for the checks. */
let seeder: RunningApp | undefined;
const instances: Instance[] = [];
const outcomes = new Map<string, number>();
const examples = new Map<string, string>();
const count = (kind: string, example?: string, times = 1) => {
  outcomes.set(kind, (outcomes.get(kind) ?? 0) + times);
  if (example && !examples.has(kind)) examples.set(kind, example);
};
const key = randomBytes(32).toString("base64");
const acks: number[] = [];
/** Where an ack's time goes: the core's own time per command (dispatch start to answer), each process's event loop delay and CPU. */
const coreMs = new Map<string, number[]>();
const loopDelay = monitorEventLoopDelay({ resolution: 10 });
const actions = new Map<string, number>();
const load = { requests: 0, transportErrors: 0, elapsed: 0, rentsUnanswered: 0, cpuPercent: 0 };
const reports = new Map<string, InstanceReport>();
/** What ended the run early or made a check impossible; printed with the summary. */
const failures: string[] = [];
let checks: Checks | undefined;

/** The environment both instances (and, without HTTP and jobs, this process's seeder) run with. */
const instanceEnv = (instance: string): Record<string, string> => ({
  DATABASE_URL: url.toString(),
  SLACK_BOT_TOKEN: "xoxb-load",
  SLACK_SIGNING_SECRET: SECRET,
  SLACK_API_URL: fake.apiUrl,
  PORT: "0",
  HOST: "127.0.0.1",
  DATA_DIR: mkdtempSync(path.join(os.tmpdir(), "sb-load-")),
  INSTANCE_ID: instance,
  SWITCHBOARD_ENCRYPTION_KEY: key,
  SWITCHBOARD_CONSOLE: "off",
  LOG_LEVEL: "silent",
  // The jobs every minute, so a short run sees them work beside the users.
  BALANCE_CHECK_CRON: "* * * * *",
  AUTO_RELOAD_CRON: "* * * * *",
  RENEWALS_CRON: "* * * * *",
  OUTBOX_POLL_MS: "500",
  // One workspace of 50 people: the shared per-workspace limit is not what is measured.
  COMMAND_LIMIT_PER_WORKSPACE: "0",
});

try {
  // The seeder applies the migrations first; the instances then find them applied.
  seeder = await startApp(loadConfig({ ...instanceEnv("load-seeder"), JOBS_ENABLED: "false" }), { log: silentLogger }, { http: false });
  instances.push(...(await Promise.all(["load-a", "load-b"].map((id, i) => startInstance(id, instanceEnv(id), i === 0 ? PROFILE_DIR : undefined)))));
  const { services } = seeder;
  const now = services.clock.now();

  // ---- ten accounts of five users each, credit, a card, auto-reload on half of them
  for (let a = 0; a < ACCOUNTS; a++) {
    const primary = `slack:T1:U${a * 5}`;
    const { account } = await services.accounts.create({
      companyName: `Load${String.fromCharCode(65 + a)}`,
      contactName: "Load",
      email: `load${a}@load.test`,
      phone: `+4477009${String(10000 + a)}`,
      creator: { address: primary, name: `U${a * 5}` },
      workspace: "slack:T1",
      at: now,
    });
    await services.ledger.post({ accountId: account.id, kind: "payment", amount: new Decimal(200), description: "Load credit", ref: "payment:load-seed", at: now });
    for (let u = 1; u < 5; u++) {
      const actor = `slack:T1:U${a * 5 + u}`;
      const personId = await services.directory.ensurePerson(actor, `U${a * 5 + u}`);
      await services.db.member.create({ data: { id: newId("mem"), accountId: account.id, personId, role: "secondary", permissions: [...PERMISSIONS] } });
    }
    const methodId = `pm_load_${a}`;
    await services.db.$executeRawUnsafe(
      `INSERT INTO "PaymentMethod" (id, "accountId", kind, processor, "processorToken", brand, last4, "expMonth", "expYear", label, "billingName", "billingAddress", "addedBy", "createdAt")
       VALUES ($1, $2, 'card', 'simulated', $3, 'Visa', '4242', 12, 2040, 'Visa •••• 4242', 'Load', '{}'::jsonb, $4, now())`,
      methodId, account.id, `sim_approve_load${a}`, primary,
    );
    if (a % 2 === 0) await services.billing.autoReload.turnOn(account.id, { threshold: new Decimal(150), amount: new Decimal(20), methodId }, now);
  }

  // ---- the users
  const transports = instances.map((instance) => httpTransport(`http://127.0.0.1:${instance.port}`, SECRET));
  const inventory = sandboxInventory().search({ country: "GB", type: "mobile-lvn", page: 1, pageSize: 2000 }, new Set()).numbers;
  const deadline = Date.now() + durationMs;

  const send = async (userIndex: number, fields: Record<string, string>, retry?: number): Promise<Ack | undefined> => {
    const transport = transports[(userIndex + (retry ?? 0)) % transports.length]!;
    const started = performance.now();
    load.requests++;
    try {
      const ack = await transport.command(fields, retry);
      acks.push(performance.now() - started);
      if (ack.status !== 200) count(`HTTP ${ack.status}`);
      return ack;
    } catch {
      load.transportErrors++;
      return undefined;
    }
  };

  /** The final answer to a request: in its ack when the core answered within Slack's budget, else through its response_url. */
  const finalAnswer = async (ack: Ack | undefined, responseUrl: string): Promise<string | undefined> => {
    if (ack && !/Working on it/.test(String(ack.body.text ?? ""))) return JSON.stringify(ack.body);
    const body = await responseFor(responseUrl);
    return body ? JSON.stringify(body) : undefined;
  };

  /** A user cancels only numbers the rent's final answer says were rented. */
  const rentedBy = (answer: string | undefined): boolean => {
    if (answer === undefined) load.rentsUnanswered++;
    return answer?.includes("Rented ") ?? false;
  };

  const user = async (u: number) => {
    const account = `Load${String.fromCharCode(65 + Math.floor(u / 5))}`;
    const rented: string[] = [];
    let next = u; // this user's own slice of the inventory: users do not race for one number
    // Past the end of its slice (a fast run) the user starts it again: a number it still
    // holds is refused as already rented (a user error), one it cancelled is rented again.
    const nextNumber = () => {
      const number = formatMsisdn(inventory[next % inventory.length]!.msisdn);
      next += USERS;
      return number;
    };
    let step = 0;
    if (u < HOME_OPENERS) {
      // The user opens the app's Home tab (Slack sends app_home_opened): from now on their changes refresh it.
      const started = performance.now();
      load.requests++;
      const opened = await transports[u % transports.length]!.event(eventCallback({ type: "app_home_opened", user: `U${u}`, channel: `D${u}`, tab: "home", event_ts: `${Date.now() / 1000}` })).catch(() => undefined);
      if (opened) acks.push(performance.now() - started);
      else load.transportErrors++;
      if (opened && opened.status !== 200) count(`HTTP ${opened.status}`);
      actions.set("home opened", (actions.get("home opened") ?? 0) + 1);
    }
    while (Date.now() < deadline) {
      const pick = (u * 7 + step++) % 10;
      const command = (text: string) => slashCommand(`${text} account:${account}`, fake.responseUrl(), { user_id: `U${u}`, channel_id: `C${u % 5}` });
      let kind: string;
      if (pick <= 2) {
        kind = "read";
        await send(u, command(["billing balance", "numbers list", "alerts list", "numbers search GB type:mobile-lvn"][step % 4]!));
      } else if (pick === 3 || (pick === 4 && rented.length === 0)) {
        kind = "rent";
        const number = nextNumber();
        const fields = command(`numbers rent ${number} confirm:yes`);
        if (rentedBy(await finalAnswer(await send(u, fields), fields.response_url!))) rented.push(number);
      } else if (pick === 4) {
        kind = "cancel";
        await send(u, command(`numbers cancel ${rented.shift()!} confirm:yes`));
      } else if (pick === 5) {
        kind = "top-up";
        await send(u, command(`billing topup ${10 + (u % 3) * 10} confirm:yes`));
      } else if (pick === 6) {
        kind = "alert change";
        await send(u, command(`alerts balance ${ALERT_BASE + (step % 5) * 20}`));
      } else if (pick === 7) {
        kind = "button click";
        // A rent without confirm:yes asks first; the user presses Confirm.
        const number = nextNumber();
        const fields = command(`numbers rent ${number}`);
        const ack = await send(u, fields);
        const blocks = (ack?.body.blocks as unknown[] | undefined) ?? (await responseFor(fields.response_url!))?.blocks;
        const confirm = buttonsIn(blocks).find((b) => /^Confirm|^Rent/.test(b.text));
        if (confirm) {
          const started = performance.now();
          load.requests++;
          const clickUrl = fake.responseUrl();
          const clicked = await transports[u % 2]!.interactive(clickFor(confirm, clickUrl, u)).catch(() => undefined);
          if (clicked) acks.push(performance.now() - started);
          else load.transportErrors++;
          // A click is acknowledged empty: its answer always comes through response_url.
          if (clicked && rentedBy(await finalAnswer(undefined, clickUrl))) rented.push(number);
        }
      } else {
        kind = "retry";
        // Slack sends the same request again (same trigger), to the other instance.
        const fields = command(`billing topup 10 confirm:yes`);
        await send(u, fields);
        await send(u, fields, 1);
      }
      actions.set(kind, (actions.get(kind) ?? 0) + 1);
      await new Promise((resolve) => setTimeout(resolve, 300 + ((u * 37 + step * 11) % 700)));
    }
  };

  const responseFor = async (responseUrl: string) => {
    const id = responseUrl.split("/").pop()!;
    try {
      return (await fake.waitFor(() => fake.responses.find((r) => r.id === id), 30_000)).body as { blocks?: unknown[] };
    } catch {
      return undefined;
    }
  };

  console.log(`Load: ${USERS} users (${HOME_OPENERS} with App Home open) on 2 instances, each in its own process (PostgreSQL ${url.host}, database ${dbName}) for ${Math.round(durationMs / 1000)} s; jobs every minute${ALERT_BASE > 1000 ? ", alerts firing" : ""}.`);
  const t0 = Date.now();
  const cpu0 = process.cpuUsage();
  loopDelay.enable();
  for (const instance of instances) instance.send({ type: "measure" });
  // Something awaited for ever while the servers keep the process alive: say so, not hang.
  setTimeout(() => {
    failures.push(`the run was still going ${Math.round((durationMs + STUCK_AFTER_MS) / 1000)} s after it started`);
    printSummary();
    for (const failure of failures) console.error(`load: ${failure}`);
    process.exit(1);
  }, durationMs + STUCK_AFTER_MS).unref();
  // A user whose loop throws is a failure of the run, not a reason to stop the others.
  const users = await Promise.allSettled(Array.from({ length: USERS }, (_, u) => user(u)));
  for (const [u, settled] of users.entries()) if (settled.status === "rejected") failures.push(`user U${u} stopped: ${(settled.reason as Error)?.stack ?? String(settled.reason)}`);
  load.elapsed = (Date.now() - t0) / 1000;
  loopDelay.disable();
  for (const instance of instances) instance.send({ type: "measured" });
  const cpu = process.cpuUsage(cpu0);
  load.cpuPercent = ((cpu.user + cpu.system) / 1000 / (load.elapsed * 1000)) * 100;
  // Let job runs and posts in flight finish before the checks (at most a minute).
  for (let waited = 0; waited < 60; waited++) {
    const [busy] = await services.db.$queryRawUnsafe<{ n: number }[]>(
      `SELECT ((SELECT count(*) FROM "JobRun" WHERE "finishedAt" IS NULL) + (SELECT count(*) FROM "OutboxMessage" WHERE status = 'pending' AND "nextAttemptAt" <= now()))::int AS n`,
    );
    if (busy!.n === 0) break;
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
  // What each instance's dispatcher saw (App Home refreshes after the last requests included).
  for (const instance of instances) {
    const report = await instance.report().catch((error: Error) => void failures.push(error.message));
    if (!report) continue;
    reports.set(instance.id, report);
    for (const [kind, n] of report.outcomes) count(kind, report.examples.find(([k]) => k === kind)?.[1], n);
    for (const [name, times] of report.coreMs) coreMs.set(name, [...(coreMs.get(name) ?? []), ...times]);
    for (const text of report.strays) strays.push(text);
  }
  checks = await runChecks(services.db);
} catch (error) {
  failures.push(`the run stopped: ${(error as Error)?.stack ?? String(error)}`);
}

printSummary();
// Stopping must not hang the script silently either: each step gets a time limit.
await Promise.all(instances.map((instance) => within(30_000, `stopping ${instance.id}`, instance.stop())));
for (const child of children) child.kill("SIGKILL"); // any that would not stop in time
if (seeder) await within(30_000, "stopping the seeder", seeder.stop());
await within(10_000, "closing the fake Slack API", fake.close());
await within(30_000, "dropping the load database", dropDatabase());
for (const failure of failures.slice(-3)) console.error(`load: ${failure}`);
const failed = failures.length > 0 || strays.length > 0 || !checks?.clean;
// Every line out before the exit, which does not wait for handles something left open.
await new Promise((resolve) => process.stdout.write("", resolve));
process.exit(failed ? 1 : 0);

interface Checks {
  doubleRent: number;
  doubleMsisdn: number;
  doubleCredit: number;
  doublePosts: number;
  posts: number;
  mismatches: Awaited<ReturnType<typeof balanceMismatches>>;
  jobs: { job: string; runs: number; failed: number; open: number }[];
  totals: { rentals: number; rents: number; payments: number };
  clean: boolean;
}

async function runChecks(db: RunningApp["services"]["db"]): Promise<Checks> {
  const [doubleRent] = await db.$queryRawUnsafe<{ n: number }[]>(
    `SELECT count(*)::int AS n FROM "NumberRental" r
      WHERE (SELECT count(*) FROM "LedgerEntry" e WHERE e."accountId" = r."accountId" AND e.ref LIKE 'rent:' || r.id || ':%') <> r."periodsPaid"`,
  );
  const [doubleMsisdn] = await db.$queryRawUnsafe<{ n: number }[]>(
    `SELECT count(*)::int AS n FROM (SELECT "activeMsisdn" FROM "NumberRental" WHERE "activeMsisdn" IS NOT NULL GROUP BY 1 HAVING count(*) > 1) d`,
  );
  const [doubleCredit] = await db.$queryRawUnsafe<{ n: number }[]>(
    `SELECT count(*)::int AS n FROM "Payment" p WHERE (SELECT count(*) FROM "LedgerEntry" e WHERE e.ref = 'payment:' || p.id) > 1
        OR (p."creditedAt" IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "LedgerEntry" e WHERE e.ref = 'payment:' || p.id))`,
  );
  const posts = fake.callsTo("chat.postMessage");
  const byOutboxId = new Map<string, number>();
  for (const post of posts) {
    const id = (post.args.metadata as { event_payload?: { outbox_id?: string } } | undefined)?.event_payload?.outbox_id;
    if (id) byOutboxId.set(id, (byOutboxId.get(id) ?? 0) + 1);
  }
  const doublePosts = [...byOutboxId.values()].filter((n) => n > 1).length;
  const mismatches = await balanceMismatches(db);
  const jobs = await db.$queryRawUnsafe<Checks["jobs"]>(
    `SELECT job, count(*)::int AS runs, count(error)::int AS failed, count(*) FILTER (WHERE "finishedAt" IS NULL)::int AS open FROM "JobRun" GROUP BY job ORDER BY job`,
  );
  const [totals] = await db.$queryRawUnsafe<Checks["totals"][]>(
    `SELECT (SELECT count(*)::int FROM "NumberRental") AS rentals, (SELECT count(*)::int FROM "LedgerEntry" WHERE kind = 'rent') AS rents,
            (SELECT count(*)::int FROM "Payment" WHERE status IN ('succeeded', 'pending')) AS payments`,
  );
  const internal = outcomes.get("INTERNAL ERROR") ?? 0;
  const clean = internal === 0 && doubleRent!.n === 0 && doubleMsisdn!.n === 0 && doubleCredit!.n === 0 && doublePosts === 0 && mismatches.count === 0 && jobs.every((j) => j.failed === 0);
  return { doubleRent: doubleRent!.n, doubleMsisdn: doubleMsisdn!.n, doubleCredit: doubleCredit!.n, doublePosts, posts: posts.length, mismatches, jobs, totals: totals!, clean };
}

/** p-th percentile of unsorted values, in whole ms. */
function percentile(values: number[], p: number): string {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!.toFixed(0) : "-";
}

function printSummary(): void {
  const rate = load.elapsed > 0 ? (load.requests / load.elapsed).toFixed(1) : "-";
  console.log(`\nRequests: ${load.requests} in ${load.elapsed.toFixed(0)} s (${rate}/s), transport errors ${load.transportErrors}`);
  console.log(`Actions: ${[...actions].map(([k, n]) => `${k} ${n}`).join(", ")}`);
  console.log(`Ack latency: p50 ${percentile(acks, 50)} ms, p99 ${percentile(acks, 99)} ms, max ${acks.length ? Math.max(...acks).toFixed(0) : "-"} ms (${acks.length} acks)`);
  // The ack waits for the core up to the 2 s budget: what the core took, per command.
  const busiest = [...coreMs].sort((a, b) => b[1].length - a[1].length).slice(0, 8);
  console.log(`Core time (dispatch to answer): ${busiest.map(([name, ms]) => `${name} ${ms.length}× p50 ${percentile(ms, 50)}/p99 ${percentile(ms, 99)} ms`).join("; ")}`);
  const ms = (ns: number) => (Number.isFinite(ns) ? (ns / 1e6).toFixed(0) : "-");
  // Each process has its own event loop: the users' (this one) and each instance's.
  const processes = [
    `users ${load.cpuPercent.toFixed(0)}%, loop delay p50 ${ms(loopDelay.percentile(50))}/p99 ${ms(loopDelay.percentile(99))}/max ${ms(loopDelay.max)} ms`,
    ...instances.map((instance) => {
      const r = reports.get(instance.id);
      return r ? `${instance.id} ${r.cpuPercent.toFixed(0)}%, loop delay p50 ${r.loopDelayMs.p50.toFixed(0)}/p99 ${r.loopDelayMs.p99.toFixed(0)}/max ${r.loopDelayMs.max.toFixed(0)} ms` : `${instance.id} (no report)`;
    }),
  ];
  console.log(`Processes (CPU as % of one core during the load): ${processes.join("; ")}`);
  console.log("Outcomes (dispatcher):");
  for (const [kind, n] of [...outcomes].sort((a, b) => b[1] - a[1])) console.log(`  ${kind.padEnd(40)} ${String(n).padStart(6)}${kind === "ok" ? "" : `   e.g. ${examples.get(kind)}`}`);
  console.log(`Internal errors: ${outcomes.get("INTERNAL ERROR") ?? 0}; unhandled rejections and exceptions: ${strays.length}; rents whose answer never came: ${load.rentsUnanswered}`);
  if (checks) {
    const c = checks;
    console.log(`Rentals ${c.totals.rentals}, rent charges ${c.totals.rents}, payments ${c.totals.payments}, channel posts ${c.posts}, App Home publishes ${fake.callsTo("views.publish").length}`);
    console.log(`Duplicates: rentals charged other than once per period ${c.doubleRent}, numbers rented twice ${c.doubleMsisdn}, payments credited other than once ${c.doubleCredit}, posts sent twice ${c.doublePosts}`);
    console.log(`Ledger check: ${c.mismatches.count === 0 ? "maintained balance = ledger sum for every account" : `${c.mismatches.count} account(s) differ ${JSON.stringify(c.mismatches.sample)}`}`);
    console.log(`Jobs: ${c.jobs.map((j) => `${j.job} ${j.runs} runs (${j.failed} failed, ${j.open} unfinished)`).join("; ")}`);
  } else {
    console.log("Checks: not run (see the failure below)");
  }
  console.log(`Machine: ${os.cpus().length} CPUs (nproc), load average ${readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" ")} at the end`);
  console.log(failures.length || strays.length ? `FAILED: ${failures.length} failure(s), ${strays.length} stray rejection(s)/exception(s) (on stderr)` : checks?.clean ? "Result: clean" : "Result: FAILED (see the lines above)");
  summaryPrinted = true;
}

async function within(ms: number, what: string, work: Promise<unknown>): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<void>((resolve) => {
    timer = setTimeout(() => {
      failures.push(`${what} took longer than ${ms / 1000} s; left behind`);
      resolve();
    }, ms);
  });
  await Promise.race([work.catch((error: unknown) => void failures.push(`${what} failed: ${(error as Error)?.message ?? String(error)}`)), late]);
  clearTimeout(timer);
}

async function dropDatabase(): Promise<void> {
  const cleanup = new pg.Client({ connectionString: serverUrl });
  await cleanup.connect();
  await cleanup.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
  await cleanup.end();
}

type Button = { text: string; action_id: string; value: string };
function buttonsIn(blocks: unknown): Button[] {
  return ((blocks as { type: string; elements?: Record<string, unknown>[] }[] | undefined) ?? [])
    .filter((b) => b.type === "actions")
    .flatMap((b) => b.elements ?? [])
    .filter((e) => e.type === "button")
    .map((e) => ({ text: (e.text as { text: string }).text, action_id: e.action_id as string, value: e.value as string }));
}

function clickFor(button: Button, responseUrl: string, u: number): object {
  const click = buttonClick(button.action_id, button.value, responseUrl) as { user: Record<string, string> };
  return { ...click, user: { ...click.user, id: `U${u}`, username: `U${u}`, name: `U${u}` } };
}

interface Instance {
  id: string;
  port: number;
  send(message: { type: "measure" | "measured" }): void;
  /** What the instance saw, asked for at the end of the run. */
  report(): Promise<InstanceReport>;
  /** Stops the app and waits for the process to end. */
  stop(): Promise<void>;
}

/** Starts one instance in its own process and resolves once it listens (its port reported over IPC). */
function startInstance(id: string, env: Record<string, string>, profileDir: string | undefined): Promise<Instance> {
  // One profile per thread (the main one is the largest; tsx's module loader has its own), in DIR/<instance>.
  const profile = profileDir ? ["--cpu-prof", `--cpu-prof-dir=${path.join(profileDir, id)}`] : [];
  const child = spawn(process.execPath, [...profile, "--import", exitWithParent, "--import", "tsx", instanceEntry], {
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? os.tmpdir(), ...env },
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  children.add(child);
  child.on("error", (error) => failures.push(`${id}: ${error.message}`));
  let stopping = false;
  const exited = new Promise<void>((resolve) =>
    child.on("exit", (code, signal) => {
      children.delete(child);
      if (!stopping) failures.push(`${id} exited (code ${code}, signal ${signal}) while the run needed it`);
      resolve();
    }),
  );
  const next = <T extends InstanceMessage["type"]>(type: T, what: string, ms: number) =>
    new Promise<Extract<InstanceMessage, { type: T }>>((resolve, reject) => {
      const timer = setTimeout(() => done(new Error(`${id} did not ${what} within ${ms / 1000} s`)), ms);
      const onMessage = (message: InstanceMessage) => message.type === type && done(undefined, message as Extract<InstanceMessage, { type: T }>);
      const onExit = () => done(new Error(`${id} exited before it could ${what}`));
      const done = (error?: Error, message?: Extract<InstanceMessage, { type: T }>) => {
        clearTimeout(timer);
        child.off("message", onMessage);
        child.off("exit", onExit);
        if (error) reject(error);
        else resolve(message!);
      };
      child.on("message", onMessage);
      child.on("exit", onExit);
      if (child.exitCode !== null || child.signalCode !== null) onExit();
    });
  return next("ready", "start", 120_000).then(({ port }) => ({
    id,
    port,
    send: (message) => void (child.connected && child.send(message)),
    async report() {
      const reported = next("report", "report what it saw", 30_000);
      if (child.connected) child.send({ type: "report" });
      const { type: _type, ...report } = await reported;
      return report;
    },
    async stop() {
      stopping = true;
      if (child.exitCode !== null || child.signalCode !== null) return;
      if (child.connected) child.send({ type: "stop" });
      else child.kill("SIGKILL");
      await exited;
    },
  }));
}
