// `npm start` survives a background task's unhandled rejection: the guard logs it once and
// the server keeps answering. Also the raw request lines of finding 1, sent to the real
// process: it must still be there to answer /healthz after each.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import net from "node:net";
import { spawn, type ChildProcess } from "node:child_process";
import { collect, tempDataDir } from "../helpers/spawn.ts";
import { rawRequest } from "../helpers/front-door.ts";

let child: ChildProcess;
let output: Promise<{ code: number | null; stdout: string; stderr: string }>;
let port: number;
let stdout = "";

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const found = (server.address() as net.AddressInfo).port;
  await new Promise((resolve) => server.close(resolve));
  return found;
}

async function until(condition: () => boolean | Promise<boolean>, what: string): Promise<void> {
  // Bounded by the test's timeout, not by a guess at how loaded the machine is.
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the process exited (${child.exitCode}) while waiting for ${what}`);
    if (await condition()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
}

const healthy = async () => {
  try {
    return (await fetch(`http://127.0.0.1:${port}/healthz`)).status === 200;
  } catch {
    return false;
  }
};

beforeAll(async () => {
  port = await freePort();
  child = spawn(process.execPath, ["--import", "tsx", "--import", "./test/fixtures/stray-rejection.ts", "adapters/main.ts"], {
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "/tmp", HOST: "127.0.0.1", PORT: String(port), DATA_DIR: tempDataDir(), JOBS_ENABLED: "false" },
    stdio: ["pipe", "pipe", "pipe"],
  });
  child.stdout!.on("data", (d) => (stdout += d));
  output = collect(child);
}, 120_000);

afterAll(async () => {
  if (child && child.exitCode === null) {
    child.kill("SIGKILL");
    await output;
  }
});

describe("npm start facing stray failures", () => {
  it("logs a background task's unhandled rejection once and keeps serving", async () => {
    await until(() => stdout.includes("fixture: stray rejection fired"), "the fixture");
    await until(() => stdout.includes("stray background failure"), "the guard's log line");
    expect(await healthy()).toBe(true);
    const lines = stdout.split("\n").filter((l) => l.includes("stray background failure"));
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toMatchObject({ level: 50, msg: expect.stringContaining("carrying on") });
  }, 120_000);

  for (const line of ["GET // HTTP/1.1", "GET http://[ HTTP/1.1", "GET http://x:99999/ HTTP/1.1"]) {
    it(`answers ${line} with a 4xx and is still there`, async () => {
      const { status } = await rawRequest(port, `${line}\r\nHost: x\r\nConnection: close\r\n\r\n`);
      expect(status).toBeGreaterThanOrEqual(400);
      expect(status).toBeLessThan(500);
      expect(await healthy()).toBe(true);
      expect(child.exitCode).toBeNull();
    });
  }
});
