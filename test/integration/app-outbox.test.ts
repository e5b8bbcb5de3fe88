// The composition root runs the outbox loop and, when the console runs, posts channel
// messages to the console output; stopping the app stops the loop.
import { describe, expect, it } from "vitest";
import { PassThrough } from "node:stream";
import { loadConfig } from "../../src/config.ts";
import { silentLogger } from "../../src/platform/logger.ts";
import { startApp } from "../../adapters/app.ts";
import { text } from "../../src/core/view.ts";
import { tempDataDir } from "../helpers/spawn.ts";

async function waitFor(check: () => boolean, ms = 30_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe("app outbox loop", () => {
  // Starting on a fresh embedded database applies every migration: slow on a busy 2-core machine.
  it("delivers channel posts to the console output within the poll interval", async () => {
    const output = new PassThrough();
    let written = "";
    output.on("data", (chunk) => (written += chunk));
    const config = loadConfig({ DATA_DIR: tempDataDir(), OUTBOX_POLL_MS: "100", SWITCHBOARD_DEV_MODE: "true" });
    const app = await startApp(config, { log: silentLogger }, { http: false, consoleOutput: output });
    try {
      await app.services.outbox.enqueue({
        channel: "console:local:console",
        message: { blocks: [text("Balance below €10.00"), { type: "buttons", buttons: [{ label: "Snooze 24h", action: { command: "alerts snooze", args: { id: "al_1", account: "acc_1" } } }] }] },
        dedupeKey: "app-loop-1",
      });
      await waitFor(() => written.includes("Balance below €10.00"));
      expect(written).toContain("── #console · console-1 ──");
      expect(written).toContain("Snooze 24h: `alerts snooze al_1`");
      const row = await app.services.db.outboxMessage.findUnique({ where: { dedupeKey: "app-loop-1" }, select: { status: true } });
      expect(row?.status).toBe("sent");
    } finally {
      await app.stop();
    }
  }, 120_000);
});
