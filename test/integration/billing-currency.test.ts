// Display currency: USD at the ECB reference rate from a (local) source, cached, and the
// last known rate with its age when the source is down. Charges stay in EUR.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestAccount } from "../helpers/accounts.ts";
import { createBillingTestApp, HOUR, type BillingTestApp } from "../helpers/billing.ts";
import { startEcbServer, type EcbServer } from "../helpers/ecb-server.ts";
import { createTestApp } from "../helpers/test-app.ts";
import { Writable } from "node:stream";
import { createLogger } from "../../src/platform/logger.ts";

/** A logger whose warn-and-above lines are kept, as an operator's stderr would show them. */
function warningsLog() {
  const lines: string[] = [];
  const sink = new Writable({ write: (chunk, _enc, done) => (lines.push(String(chunk)), done()) });
  return { log: createLogger("warn", sink), lines };
}

let app: BillingTestApp;
let ecb: EcbServer;
const warnings = warningsLog();

beforeAll(async () => {
  ecb = await startEcbServer("1.0832", "2026-01-14");
  app = await createBillingTestApp({ settings: { fxRatesUrl: ecb.url }, log: warnings.log });
  await createTestAccount(app);
});
afterAll(async () => {
  await app.stop();
  await ecb.close();
});

describe("billing currency", () => {
  it("shows the balance in EUR by default", async () => {
    const view = await app.run("billing balance");
    expect(view.text).toContain("Balance: €2.00");
    expect(ecb.requests).toBe(0);
  });

  it("switches the display to USD with the rate and its date, charges staying in EUR", async () => {
    const switched = await app.run("billing currency USD");
    expect(switched.text).toContain("now shown in USD: $2.17 (€2.00)");
    expect(switched.text).toContain("1 EUR = 1.0832 USD (ECB reference rate of 14 Jan 2026). You are always charged in EUR.");
    const view = await app.run("billing balance");
    expect(view.text).toContain("Balance: $2.17 (€2.00)");
    expect((await app.run("home")).text).toContain("Balance: $2.17 (€2.00)");
    // The home lists the workspace's accounts to anyone there; a balance only to its users.
    const stranger = await app.run("home", { actor: "console:local:stranger" });
    expect(stranger.text).toContain("Acme Ltd");
    expect(stranger.text).not.toContain("Balance");
  });

  it("caches the rate for an hour", async () => {
    const before = ecb.requests;
    await app.run("billing balance");
    expect(ecb.requests).toBe(before);
    ecb.set("1.1000", "2026-01-15");
    app.clock.advance(HOUR);
    expect((await app.run("billing balance")).text).toContain("Balance: $2.20 (€2.00)");
    expect(ecb.requests).toBe(before + 1);
  });

  it("uses the last known rate and says how old it is when the source is down", async () => {
    ecb.down(true);
    app.clock.advance(3 * 24 * HOUR);
    const view = await app.run("billing balance");
    expect(view.text).toContain("Balance: $2.20 (€2.00)");
    expect(view.text).toContain("the rate source could not be reached, so this is the last known rate, of 15 Jan 2026 (3 days old)");
    expect(warnings.lines.join("")).toContain("using the last known one");
    ecb.down(false);
  });

  // A second embedded database boots here: slow on a loaded machine.
  it("falls back to EUR and says why when no rate has ever been fetched", { timeout: 120_000 }, async () => {
    const quiet = warningsLog();
    const offline = await createTestApp({ settings: { fxRatesUrl: "http://127.0.0.1:9/unreachable.xml" }, log: quiet.log });
    try {
      await createTestAccount(offline);
      const switched = await offline.run("billing currency USD");
      expect(switched.text).toContain("will be shown in USD once a rate is available; until then in EUR: €2.00");
      expect(switched.text).toContain("none could be fetched yet: amounts are shown in EUR");
      // No rate was ever known, so there is no "last known one" to warn about.
      await offline.run("billing balance");
      expect(quiet.lines).toEqual([]);
    } finally {
      await offline.close();
    }
  });

  it("accepts only EUR and USD", async () => {
    const refused = await app.run("billing currency GBP");
    expect(refused.outcome).toBe("user-error");
    expect(refused.text).toContain("Usage: billing currency <currency>");
  });
});
