// `npm start` and `npm run console` as npm runs them: scripts/run.mjs starts the compiled
// JavaScript in dist/ (compiling it first if the sources changed since the last build).
// The other end-to-end tests run the TypeScript sources through tsx; these check that the
// bundle finds what the code reads at run time relative to itself (the migrations and the
// database template, the chart fonts), that the chunks loaded on demand (the Vonage SDK,
// the chart renderer) load from dist/, and that arguments reach the entry point.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
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
