// The app's stdout and stderr are piped to a parent (a log collector, `npm start | tee`);
// the parent dies; SIGTERM must still stop the app within 5 s. It used to spin forever
// retrying a synchronous log write to the dead pipe, so neither the signal handler nor
// the exit timer ever ran.
import { afterEach, describe, expect, it } from "vitest";
import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import net from "node:net";
import { tempDataDir } from "../helpers/spawn.ts";

// The log collector: starts the app with piped output, says its pid, and says "ready"
// once the app has logged that it is running. It never exits by itself.
const COLLECTOR = `
const { spawn } = require("node:child_process");
const [entry, port, dataDir] = process.argv.slice(1);
const app = spawn(process.execPath, ["--import", "tsx", entry], {
  env: { PATH: process.env.PATH, HOME: process.env.HOME, HOST: "127.0.0.1", PORT: port, DATA_DIR: dataDir },
  stdio: ["ignore", "pipe", "pipe"],
});
process.stdout.write("pid " + app.pid + "\\n");
app.stdout.on("data", (d) => { if (String(d).includes("Switchboard is running")) process.stdout.write("ready\\n"); });
app.stderr.resume();
`;

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Gone, or a zombie nobody has reaped yet (it no longer runs anything). */
function isGone(pid: number): boolean {
  try {
    return readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.startsWith("Z") ?? true;
  } catch {
    return true;
  }
}

function killQuietly(pid: number | undefined) {
  if (pid === undefined) return;
  try {
    process.kill(pid, "SIGKILL");
  } catch {
    // already gone
  }
}

let collector: ChildProcess | undefined;
let appPid: number | undefined;
afterEach(() => {
  killQuietly(collector?.pid);
  killQuietly(appPid);
});

describe("SIGTERM after the log reader is gone", () => {
  it("stops the app within 5 s", async () => {
    collector = spawn(process.execPath, ["-e", COLLECTOR, "adapters/main.ts", String(await freePort()), tempDataDir()], {
      stdio: ["ignore", "pipe", "inherit"],
    });
    let out = "";
    await new Promise<void>((resolve, reject) => {
      collector!.stdout!.on("data", (d) => {
        out += d;
        if (out.includes("ready")) resolve();
      });
      collector!.on("exit", () => reject(new Error(`the collector exited early: ${out}`)));
    });
    appPid = Number(/pid (\d+)/.exec(out)![1]);

    collector.kill("SIGKILL");
    await new Promise((resolve) => collector!.once("exit", resolve));
    // The app's next log line (the shutdown notice) now goes to a pipe with no reader.
    process.kill(appPid, "SIGTERM");
    const sent = Date.now();
    while (!isGone(appPid) && Date.now() - sent < 5_000) await new Promise((r) => setTimeout(r, 50));
    expect(isGone(appPid)).toBe(true);
  }, 240_000);
});
