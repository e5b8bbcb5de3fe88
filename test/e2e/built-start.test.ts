// `npm start` and `npm run console` as npm runs them: scripts/run.mjs starts the compiled
// JavaScript in dist/ (compiling it first if the sources changed since the last build).
// The other end-to-end tests run the TypeScript sources through tsx; these check that the
// bundle finds what the code reads at run time relative to itself (the migrations and the
// database template, the chart fonts), that the chunks loaded on demand (the Vonage SDK,
// the chart renderer) load from dist/, and that arguments reach the entry point.
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from "vitest";
import { readFileSync, readdirSync } from "node:fs";
import { spawn } from "node:child_process";
import { collect, spawnBuilt, tempDataDir, waitForLine } from "../helpers/spawn.ts";
import { conversation } from "../helpers/console-conversation.ts";
import { expectChartPng } from "../helpers/png.ts";
import { VonageFake } from "../fakes/vonage-fake.ts";

describe("npm start, compiled", () => {
  it("serves /healthz on a fresh data folder, then on the same folder again, and stops on SIGTERM", async () => {
    const dataDir = tempDataDir();
    for (const round of ["fresh folder", "existing folder"]) {
      const child = spawnBuilt("main", { DATA_DIR: dataDir, PORT: "0" });
      const done = collect(child);
      const running = JSON.parse(await waitForLine(child, /Switchboard is running/)) as { port: number; database: string };
      expect(running.database, round).toBe("pglite");
      const response = await fetch(`http://127.0.0.1:${running.port}/healthz`);
      expect(response.status, round).toBe(200);
      child.kill("SIGTERM");
      const result = await done;
      expect(result, round).toMatchObject({ code: 0, signal: null });
      expect(result.stdout, round).toContain('"msg":"stopped"');
    }
  }, 180_000);
});

describe("npm run console, compiled", { timeout: 300_000 }, () => {
  let fake: VonageFake;
  beforeAll(async () => {
    fake = await VonageFake.start();
    fake.addAccount({ apiKey: "b1d0b1d0", secret: "Bu1ltSecret", balance: "12.50" });
  });
  afterAll(() => fake?.close());

  it("passes its arguments through: --keep-going runs every piped line and exits 0", async () => {
    const result = await collect(spawnBuilt("console", { DATA_DIR: tempDataDir(), PORT: "0" }, "hepl\nhelp\n", ["--keep-going"]));
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Unknown command "hepl"');
    expect(result.stdout).toContain("== Switchboard commands ==");
  });

  it("draws a balance chart and links a Vonage account, loading both on demand", async () => {
    const child = spawnBuilt("console", {
      DATA_DIR: tempDataDir(),
      PORT: "0",
      SWITCHBOARD_DEV_MODE: "true",
      VONAGE_REST_HOST: fake.restHost,
      VONAGE_API_HOST: fake.apiHost,
    });
    const console = conversation(child);
    await console.send('account signup company:"Built Co" contact:Bea email:bea@built.example phone:+447700900872', /We sent a PIN/);
    const [, pin] = await console.send("sandbox inbox", /PIN is (\d{4})/);
    await console.send(`account verify ${pin}`, /Balance/);
    const [, chart] = await console.send("billing balance", /File written: (\S+balance-\S+\.png)/);
    expectChartPng(readFileSync(chart!));

    // The sandbox account moves onto the Vonage account: the balance is the fake's, read through the SDK.
    await console.send("account link key:b1d0b1d0 secret:Bu1ltSecret", /now runs on the Vonage account b1d0b1d0[^]*Balance\s+€12\.50/);
    expect(fake.requestsTo("GET /account/get-balance").length).toBeGreaterThan(0);
    child.stdin!.end();
    expect((await collect(child)).code).toBe(0);
  });
});

/** The processes under `pid`: its children, theirs, and so on (Linux: read from /proc). */
function descendantsOf(pid: number): number[] {
  const children = childrenOf(pid);
  return [...children, ...children.flatMap(descendantsOf)];
}

function childrenOf(pid: number): number[] {
  return readdirSync("/proc").flatMap((entry) => {
    if (!/^\d+$/.test(entry)) return [];
    try {
      // pid (comm) state ppid …: comm may hold spaces, so read after its closing parenthesis.
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]) === pid ? [Number(entry)] : [];
    } catch {
      return []; // gone meanwhile
    }
  });
}

function commandLine(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").join(" ");
  } catch {
    return "";
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe("npm start under a supervisor", () => {
  // A supervisor (systemd, a container runtime, a test runner) stops `npm start` by sending
  // npm SIGTERM. npm passes it to its child, which used to be `sh -c node …`: sh died, the
  // app never heard it and ran on, orphaned, holding its port and data folder. The script
  // now execs node, so the app is npm's child and stops; npm exits after it.
  it("passes SIGTERM on to the app, which stops before npm exits", { timeout: 180_000 }, async () => {
    const dataDir = tempDataDir();
    const npm = spawn(process.platform === "win32" ? "npm.cmd" : "npm", ["start"], {
      env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "/tmp", HOST: "127.0.0.1", DATA_DIR: dataDir, PORT: "0", npm_config_update_notifier: "false" },
      stdio: ["pipe", "pipe", "pipe"],
    });
    let underNpm: number[] = [];
    // Whatever happens (a failed assertion, the timeout), nothing is left running.
    onTestFinished(() => {
      for (const pid of underNpm) if (alive(pid)) process.kill(pid, "SIGKILL");
      npm.kill("SIGKILL");
    });
    let stdout = "";
    npm.stdout.on("data", (chunk) => (stdout += chunk));
    const npmExited = new Promise((resolve) => npm.on("exit", resolve));
    const outputClosed = new Promise((resolve) => npm.on("close", resolve));
    await waitForLine(npm, /Switchboard is running/);
    // The app, and the shell that used to stand between npm and it (a build at start also
    // runs esbuild's service, which ends by itself once the app is gone: not what is tested).
    underNpm = descendantsOf(npm.pid!).filter((pid) => commandLine(pid).includes("scripts/run.mjs"));
    expect(underNpm.length).toBeGreaterThan(0);
    npm.kill("SIGTERM");
    await npmExited;
    expect(underNpm.filter(alive), "processes that outlived npm").toEqual([]);
    await outputClosed;
    // The whole output in the message: a missing line says how far the app got.
    expect(stdout, stdout).toContain('"msg":"stopped"');
  });
});
