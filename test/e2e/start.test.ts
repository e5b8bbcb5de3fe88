// `npm start` with no configuration: it serves /healthz on the embedded default, and
// SIGTERM stops it cleanly. Deterministic on a busy machine: readiness is the app's own
// "running" log line, not a wall-clock deadline, and "cleanly" is exit code 0 (the app's
// shutdown timer exits with 1 when stopping takes too long). Port 0 lets the OS choose a
// free port, which the app logs. The child is killed in every outcome (see spawn.ts).
import { describe, expect, it } from "vitest";
import { collect, spawnEntry, tempDataDir, waitForLine } from "../helpers/spawn.ts";

describe("npm start", () => {
  it("serves /healthz on the embedded default and stops on SIGTERM", async () => {
    const child = spawnEntry("adapters/main.ts", { DATA_DIR: tempDataDir(), PORT: "0" });
    const done = collect(child);
    const running = JSON.parse(await waitForLine(child, /Switchboard is running/)) as { port: number };
    expect(running.port).toBeGreaterThan(0);

    const response = await fetch(`http://127.0.0.1:${running.port}/healthz`);
    expect(response.status).toBe(200);
    const body = (await response.json()) as { status: string; database: { kind: string; reachable: boolean } };
    expect(body).toMatchObject({ status: "ok", database: { kind: "pglite", reachable: true } });

    child.kill("SIGTERM");
    const result = await done;
    expect(result).toMatchObject({ code: 0, signal: null });
    expect(result.stdout).toContain("Slack is not connected: set SLACK_BOT_TOKEN");
    expect(result.stdout).toContain('"msg":"stopped"');
  }, 120_000);
});
