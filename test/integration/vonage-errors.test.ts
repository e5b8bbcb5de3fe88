// Each shape in which Vonage reports failure becomes one clear sentence, and nothing the
// SDK's errors carry (the Authorization header, the secret) reaches a reply or a log.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { Accounts } from "@vonage/accounts";
import { Auth } from "@vonage/auth";
import { createVonageTestApp, memoryLogger, type VonageTestApp } from "../helpers/vonage.ts";
import type { TestApp } from "../helpers/test-app.ts";
import { SdkVonageGateway } from "../../adapters/vonage/sdk-gateway.ts";
import { defineCommand } from "../../src/core/commands/definition.ts";
import { safeError } from "../../src/core/errors.ts";
import { silentLogger } from "../../src/platform/logger.ts";

let t: VonageTestApp;
let app: TestApp;
const ada = { actor: "slack:T8:U1", actorName: "Ada", workspace: "slack:T8", channel: "slack:T8:C1" };
const SECRET = "Err0rSecret42";
const credentials = { apiKey: "e7707e77", apiSecret: SECRET };
const basic = Buffer.from(`e7707e77:${SECRET}`).toString("base64");
const leaks = [SECRET, basic, "Authorization", "authorization", "Basic "];

beforeAll(async () => {
  t = await createVonageTestApp();
  app = t.app;
  t.fake.addAccount({ apiKey: "e7707e77", secret: SECRET, balance: "7.00" });
  expect((await app.run(`account link key:e7707e77 secret:${SECRET}`, ada)).outcome).toBe("ok");
});
afterAll(() => t.close());

const expectNoLeak = (text: string) => {
  for (const leak of leaks) expect(text).not.toContain(leak);
};

describe("Vonage's failure shapes, as users read them", () => {
  it("401 with an error-code body (REST) or problem details (API): the credentials were revoked, relink", async () => {
    t.fake.script("POST /account/settings", { status: 401, body: { "error-code": "401", "error-code-label": "authentication failed" } });
    const rest = await app.run("account webhooks", ada);
    expect(rest.outcome).toBe("user-error");
    expect(rest.text).toContain("Vonage refused Switchboard's stored credentials: the API secret was probably revoked or changed.");
    expect(rest.text).toContain("The primary user can relink with `account link`");

    t.fake.script("GET /accounts/e7707e77/secrets", {
      status: 401,
      contentType: "application/problem+json",
      body: { type: "https://developer.nexmo.com/api-errors#unauthorized", title: "Invalid credentials supplied", detail: "You did not provide correct credentials." },
    });
    expect((await app.run("account secret reveal", ada)).text).toContain("Vonage refused Switchboard's stored credentials");
  });

  it("429 too many requests: slow down, for as long as Retry-After says", async () => {
    t.fake.script("POST /account/settings", { status: 429, headers: { "retry-after": "3" }, body: { "error-code": "429", "error-code-label": "throttled" } });
    const rest = await app.run("account webhooks sms:https://example.com/in", ada);
    expect(rest.text).toContain("Vonage says Switchboard is sending it too many requests right now.");
    expect(rest.text).toContain("Slow down and retry in 3 seconds.");

    t.fake.script("GET /accounts/e7707e77/secrets", { status: 429, contentType: "application/problem+json", body: { type: "https://developer.nexmo.com/api-errors#throttled", title: "Too Many Requests" } });
    expect((await app.run("account secret reveal", ada)).text).toContain("Slow down and retry in 1 second.");
  });

  it("problem details keep Vonage's own title and detail", async () => {
    t.fake.script("POST /accounts/e7707e77/secrets", {
      status: 403,
      contentType: "application/problem+json",
      body: { type: "https://developer.nexmo.com/api-errors#forbidden", title: "Forbidden", detail: "Your account does not have permission to perform this action", instance: "abc" },
    });
    const result = await app.run("account secret create secret:Fine5ecret1", ada);
    expect(result.text).toContain('Vonage does not allow this account to do that. Vonage said: "Forbidden: Your account does not have permission to perform this action".');
  });

  it("420 method failed, as a status or inside an HTTP 200", async () => {
    t.fake.script("POST /account/top-up", { status: 420, body: { "error-code": "420", "error-code-label": "method failed" } });
    t.fake.accounts.get("e7707e77")!.autoReload = true;
    const asStatus = await app.run("vonage topup trx:abcdef123456 confirm:yes", ada);
    expect(asStatus.text).toContain('Vonage refused that (420 "method failed").');
    const inside200 = await app.run("vonage topup trx:abcdef123456 confirm:yes", ada);
    expect(inside200.text).toContain('Vonage refused that (420 "method failed").');
  });

  it("5xx and undecodable answers are said plainly, and account info still shows the rest", async () => {
    t.fake.script("POST /account/settings", { status: 502, contentType: "text/html", body: "<html>Bad gateway</html>" });
    expect((await app.run("account webhooks", ada)).text).toContain("Vonage could not be reached or had an error (HTTP 502).\nTry again in a minute.");

    t.fake.script("GET /account/get-balance", { status: 200, contentType: "application/json", body: "{not json" });
    const info = await app.run("account info", ada);
    expect(info.outcome).toBe("ok");
    expect(info.text).toContain("Balance: unavailable");
    expect(info.text).toContain("Vonage answered in a way Switchboard did not understand.");
  });

  it("timeouts and refused connections are told apart from refusals", async () => {
    const slow = await new SdkVonageGateway({ restHost: t.fake.restHost, apiHost: t.fake.apiHost, timeoutMs: 500, log: silentLogger }).connect(credentials);
    t.fake.script("GET /account/get-balance", { delayMs: 2_000, perform: true });
    await expect(slow.account.balance()).rejects.toThrow("Vonage did not answer in time.");

    const closed = await new SdkVonageGateway({ restHost: "http://127.0.0.1:9", apiHost: "http://127.0.0.1:9", log: silentLogger }).connect(credentials);
    await expect(closed.account.balance()).rejects.toThrow("Vonage could not be reached or had an error.");
  });
});

describe("secrets stay out of logs and replies", () => {
  it("logs each failed call by operation and status only", () => {
    const logged = t.logText();
    expect(logged).toContain("Vonage API call failed");
    expect(logged).toContain('"operation":"settings"');
    expect(logged).toContain('"status":401');
    expectNoLeak(logged);
  });

  it("a raw SDK error (which carries the Authorization header) is safe through safeError and the logger", async () => {
    t.fake.script("GET /account/get-balance", { status: 500, body: { "error-code": "500", "error-code-label": "internal error" } });
    const sdk = new Accounts(new Auth({ apiKey: credentials.apiKey, apiSecret: SECRET }), { restHost: t.fake.restHost });
    const raw = await sdk.getBalance().then(() => undefined, (e: unknown) => e);
    expect(JSON.stringify((raw as { config: unknown }).config)).toContain("Basic "); // the hazard is real
    expectNoLeak(JSON.stringify(safeError(raw)));

    const { log, text } = memoryLogger();
    log.error({ err: raw }, "raw SDK error");
    expect(text()).toContain("raw SDK error");
    expectNoLeak(text());
  });

  it("an SDK error escaping a handler is logged safely and the user sees only a request id", async () => {
    app.services.registry.add(
      defineCommand({
        path: "test vonage-leak",
        description: "Lets a raw SDK error escape",
        args: z.object({}),
        access: "member",
        sideEffect: "read",
        needsAccount: true,
        handler: async () => {
          t.fake.script("GET /account/get-balance", { status: 500, body: {} });
          await new Accounts(new Auth({ apiKey: credentials.apiKey, apiSecret: SECRET }), { restHost: t.fake.restHost }).getBalance();
          throw new Error("unreachable");
        },
      }),
    );
    const result = await app.run("test vonage-leak", ada);
    expect(result.outcome).toBe("error");
    expect(result.text).toContain(`Request id: ${result.requestId}`);
    expectNoLeak(result.text);
    expect(t.logText()).toContain("command failed");
    expectNoLeak(t.logText());
  });
});
