// Start-up: `npm start` until /healthz answers 200 (a fresh data folder, then the same
// folder again), the idle RSS of the process tree after start-up, and
// `printf 'help\n' | npm run console` to exit, each in wall-clock seconds and in the CPU
// seconds its process tree used (comparable across loads, which wall-clock is not). The
// real processes are spawned, on loopback with PORT=0; each in its own process group,
// which is ended afterwards.
import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync, readdirSync, rmSync } from "node:fs";
import { loadavg } from "node:os";
import { performance } from "node:perf_hooks";
import { setTimeout as sleep } from "node:timers/promises";
import { tempDataDir } from "../test/helpers/temp-dir.ts";

const quick = process.env.BENCH_QUICK === "1";
const RUNS = Number(process.env.BENCH_RUNS ?? (quick ? 2 : 5));
const load = () => loadavg().map((l) => l.toFixed(2)).join(" ");
const npm = process.platform === "win32" ? "npm.cmd" : "npm";
// BENCH_APP_DIR: another checkout to start (e.g. main's, to compare in the same run).
const appDir = process.env.BENCH_APP_DIR ?? process.cwd();

/** The end of each child's standard error, for saying why it exited early. */
const stderrOf = new WeakMap<ChildProcess, string>();

function start(args: string[], dataDir: string, stdin?: string): ChildProcess {
  const child = spawn(npm, args, {
    env: { ...process.env, PORT: "0", HOST: "127.0.0.1", DATA_DIR: dataDir, SWITCHBOARD_CONSOLE: "off", LOG_LEVEL: "info" },
    cwd: appDir,
    stdio: ["pipe", "pipe", "pipe"],
    detached: true,
  });
  child.stderr!.on("data", (chunk: Buffer) => stderrOf.set(child, ((stderrOf.get(child) ?? "") + chunk.toString("utf8")).slice(-4000)));
  if (stdin !== undefined) child.stdin!.end(stdin);
  return child;
}

function firstLine(child: ChildProcess, pattern: RegExp): Promise<string> {
  return new Promise((resolve, reject) => {
    let buffered = "";
    child.stdout!.on("data", (chunk: Buffer) => {
      buffered += chunk.toString("utf8");
      const line = buffered.split("\n").find((l) => pattern.test(l));
      if (line) resolve(line);
    });
    child.on("close", (code) => reject(new Error(`exited with ${code} before ${pattern}: ${stderrOf.get(child) ?? ""}${buffered.slice(-2000)}`)));
  });
}

async function healthy(port: number): Promise<void> {
  for (;;) {
    const status = await fetch(`http://127.0.0.1:${port}/healthz`).then((r) => r.status, () => 0);
    if (status === 200) return;
    await sleep(20);
  }
}

/** A process and all its descendants (Linux /proc). */
function processTree(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const name of readdirSync("/proc").filter((n) => /^\d+$/.test(n))) {
    try {
      const ppid = Number(/^PPid:\s+(\d+)/m.exec(readFileSync(`/proc/${name}/status`, "utf8"))![1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(name)]);
    } catch {
      // gone meanwhile
    }
  }
  const tree: number[] = [];
  const walk = (pid: number) => {
    tree.push(pid);
    for (const c of children.get(pid) ?? []) walk(c);
  };
  walk(root);
  return tree;
}

/** RSS of the tree in MB, and of its largest process (the app). */
function treeRss(root: number): { total: number; largest: number } {
  let total = 0;
  let largest = 0;
  for (const pid of processTree(root)) {
    try {
      const kb = Number(/^VmRSS:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0);
      total += kb;
      largest = Math.max(largest, kb);
    } catch {
      // gone meanwhile
    }
  }
  return { total: total / 1024, largest: largest / 1024 };
}

// /proc/<pid>/stat counts CPU time in clock ticks, 100 a second on Linux.
const TICKS = 100;
/** utime, stime, cutime, cstime: fields 14-17, counted after the command name's closing parenthesis. */
function cpuTicks(pid: number | "self"): number[] {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  return stat.slice(stat.lastIndexOf(")") + 2).split(" ").slice(11, 15).map(Number);
}

/** CPU seconds the tree's processes have used so far (their own and their reaped children's). */
function treeCpu(root: number): number {
  let ticks = 0;
  for (const pid of processTree(root)) {
    try {
      ticks += cpuTicks(pid).reduce((a, b) => a + b, 0);
    } catch {
      // gone meanwhile
    }
  }
  return ticks / TICKS;
}

/** CPU seconds of this process's reaped children (a finished `npm run console` and everything under it). */
const childrenCpu = (): number => cpuTicks("self").slice(2).reduce((a, b) => a + b, 0) / TICKS;

/** Whether any process of the group is left. */
function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * Ends the child's whole process group and waits until every process in it is gone: npm and
 * its shell exit on SIGTERM at once, while the app is still shutting down and holds its data
 * folder, which the next start on the same folder would find in use.
 */
async function stop(child: ChildProcess): Promise<void> {
  const pgid = child.pid!;
  if (!groupAlive(pgid)) return;
  process.kill(-pgid, "SIGTERM");
  for (let waited = 0; groupAlive(pgid) && waited < 8000; waited += 50) await sleep(50);
  if (groupAlive(pgid)) process.kill(-pgid, "SIGKILL");
  while (groupAlive(pgid)) await sleep(50);
}

async function timeStart(dataDir: string): Promise<{ seconds: number; cpu: number; rss: { total: number; largest: number } }> {
  const started = performance.now();
  const child = start(["start"], dataDir);
  try {
    const line = await firstLine(child, /Switchboard is running/);
    await healthy((JSON.parse(line) as { port: number }).port);
    const seconds = (performance.now() - started) / 1000;
    const cpu = treeCpu(child.pid!);
    await sleep(2000);
    return { seconds, cpu, rss: treeRss(child.pid!) };
  } finally {
    await stop(child);
  }
}

async function timeConsole(dataDir: string): Promise<{ seconds: number; cpu: number }> {
  const started = performance.now();
  const cpuBefore = childrenCpu();
  const child = start(["run", "console"], dataDir, "help\n");
  child.stdout!.resume();
  const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
  if (code !== 0) throw new Error(`npm run console exited with ${code}: ${stderrOf.get(child) ?? ""}`);
  return { seconds: (performance.now() - started) / 1000, cpu: childrenCpu() - cpuBefore };
}

const f = (n: number) => n.toFixed(2);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
type Run = { seconds: number; cpu: number };
const summary = (runs: Run[]) => {
  const wall = runs.map((r) => r.seconds);
  const cpu = runs.map((r) => r.cpu);
  return `${f(Math.min(...wall))}–${f(Math.max(...wall))} s (median ${f(median(wall))}); CPU ${f(Math.min(...cpu))}–${f(Math.max(...cpu))} s (median ${f(median(cpu))})`;
};
console.log(`Start-up of ${appDir}, ${RUNS} runs each, PGlite, load average ${load()}`);
const fresh: Run[] = [];
const existing: Run[] = [];
const rss: number[] = [];
const largest: number[] = [];
const consoleFresh: Run[] = [];
const consoleExisting: Run[] = [];
for (let i = 0; i < RUNS; i++) {
  const dir = tempDataDir();
  try {
    fresh.push(await timeStart(dir));
    const again = await timeStart(dir);
    existing.push(again);
    rss.push(again.rss.total);
    largest.push(again.rss.largest);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const consoleDir = tempDataDir();
  try {
    consoleFresh.push(await timeConsole(consoleDir));
    consoleExisting.push(await timeConsole(consoleDir));
  } finally {
    rmSync(consoleDir, { recursive: true, force: true });
  }
}
// CPU: of the whole process tree (npm, sh, node and any thread), until /healthz answered or the console exited.
console.log(`npm start → /healthz 200, fresh data folder     ${summary(fresh)}`);
console.log(`npm start → /healthz 200, existing data folder  ${summary(existing)}`);
console.log(`idle RSS 2 s after start (existing folder)      process tree ${Math.round(Math.min(...rss))}–${Math.round(Math.max(...rss))} MB; the app process ${Math.round(Math.min(...largest))}–${Math.round(Math.max(...largest))} MB`);
console.log(`printf 'help\\n' | npm run console, fresh       ${summary(consoleFresh)}`);
console.log(`printf 'help\\n' | npm run console, existing    ${summary(consoleExisting)}`);
console.log(`load average after: ${load()}`);
