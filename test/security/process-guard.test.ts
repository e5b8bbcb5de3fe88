// `npm start` survives a background task's unhandled rejection: the guard logs it once and
// the server keeps answering. Also the raw request lines of finding 1, sent to the real
// process: it must still be there to answer /healthz after each.
import { describe, expect, it } from "vitest";
import path from "node:path";
import net from "node:net";
import { spawn } from "node:child_process";
import { collect, tempDataDir, waitForLine } from "../helpers/spawn.ts";
import { rawRequest } from "../helpers/front-door.ts";

const LINES = ["GET // HTTP/1.1", "GET http://[ HTTP/1.1", "GET http://x:99999/ HTTP/1.1", "GET http://[::1 HTTP/1.1", "BREW / HTTP/1.1"];

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe("npm start facing stray failures", () => {
  it("logs a background task's unhandled rejection once, answers unparseable request lines with 4xx, and keeps serving", async () => {
    const port = await freePort();
    // As spawnEntry, plus the fixture that fires the stray rejection once the server answers.
    const child = spawn(process.execPath, ["--import", path.resolve("test/helpers/exit-with-parent.mjs"), "--import", "tsx", "--import", "./test/fixtures/stray-rejection.ts", "adapters/main.ts"], {
      env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "/tmp", HOST: "127.0.0.1", PORT: String(port), DATA_DIR: tempDataDir(), JOBS_ENABLED: "false" },
      stdio: ["pipe", "pipe", "pipe", "ipc"],
    });
    const output = collect(child);
    // Both listened for from the start: the two lines may arrive in one chunk.
    const ready = waitForLine(child, /Switchboard is running/);
    const strayLogged = waitForLine(child, /stray background failure/);
    strayLogged.catch(() => {});
    try {
      await ready;
      await strayLogged;
      const healthz = async () => (await fetch(`http://127.0.0.1:${port}/healthz`)).status;
      expect(await healthz()).toBe(200);

      for (const line of LINES) {
        const { status } = await rawRequest(port, `${line}\r\nHost: x\r\nConnection: close\r\n\r\n`);
        expect(status, line).toBeGreaterThanOrEqual(400);
        expect(status, line).toBeLessThan(500);
        expect(await healthz(), `after ${line}`).toBe(200);
      }
      expect(child.exitCode).toBeNull();
    } finally {
      child.kill("SIGKILL");
    }
    const { stdout } = await output;
    const logged = stdout.split("\n").filter((l) => l.includes("stray background failure"));
    expect(logged).toHaveLength(1);
    expect(JSON.parse(logged[0]!)).toMatchObject({ level: 50, msg: expect.stringContaining("carrying on") });
  }, 180_000);
});
