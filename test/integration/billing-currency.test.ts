// Display currency: USD at the ECB reference rate from a (local) source, cached, and the
// last known rate with its age when the source is down. Charges stay in EUR.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestAccount } from "../helpers/accounts.ts";
import { createBillingTestApp, HOUR, type BillingTestApp } from "../helpers/billing.ts";
import { startEcbServer, type EcbServer } from "../helpers/ecb-server.ts";
import { createTestApp } from "../helpers/test-app.ts";

let app: BillingTestApp;
let ecb: EcbServer;

beforeAll(async () => {
  ecb = await startEcbServer("1.0832", "2026-01-14");
  app = await createBillingTestApp({ settings: { fxRatesUrl: ecb.url } });
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
    ecb.down(false);
  });

  it("falls back to EUR and says why when no rate has ever been fetched", async () => {
    const offline = await createTestApp({ settings: { fxRatesUrl: "http://127.0.0.1:9/unreachable.xml" } });
    try {
      await createTestAccount(offline);
      const switched = await offline.run("billing currency USD");
      expect(switched.text).toContain("will be shown in USD once a rate is available; until then in EUR: €2.00");
      expect(switched.text).toContain("none could be fetched yet: amounts are shown in EUR");
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
