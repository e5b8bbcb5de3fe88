// `npm start` with no configuration: healthy within 10 s, stopped cleanly by SIGTERM within 5 s.
import { describe, expect, it } from "vitest";
import net from "node:net";
import { collect, spawnEntry, tempDataDir } from "../helpers/spawn.ts";

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function waitForHealth(url: string, deadline: number): Promise<Response> {
  for (;;) {
    try {
      return await fetch(url);
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

describe("npm start", () => {
  it("serves /healthz on the embedded default and stops on SIGTERM", async () => {
    const port = await freePort();
    const child = spawnEntry("adapters/main.ts", { DATA_DIR: tempDataDir(), PORT: String(port) });
    const done = collect(child);
    const started = Date.now();
    const response = await waitForHealth(`http://127.0.0.1:${port}/healthz`, started + 10_000);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(response.status).toBe(200);
    const body = (await response.json()) as { status: string; database: { kind: string; reachable: boolean } };
    expect(body).toMatchObject({ status: "ok", database: { kind: "pglite", reachable: true } });

    const stopAt = Date.now();
    child.kill("SIGTERM");
    const result = await done;
    expect(Date.now() - stopAt).toBeLessThan(5_000);
    expect(result.code).toBe(0);
    const logs = result.stdout;
    expect(logs).toContain("Slack is not connected: set SLACK_BOT_TOKEN");
    expect(logs).toContain('"msg":"stopped"');
  });
});
