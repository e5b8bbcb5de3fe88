// How each failure shape of Vonage's APIs is classified, and the sentence a user reads.
import { describe, expect, it } from "vitest";
import { failureFrom, failureFromCode } from "../../adapters/vonage/vonage-errors.ts";
import { ProviderError } from "../../src/providers/provider-error.ts";

/** What the SDK throws for a non-2xx answer: a VetchError with the unread response. */
const httpError = (status: number, body: unknown, headers: Record<string, string> = {}) => ({
  name: "Error",
  message: `Request failed with status code ${status}`,
  config: { headers: { Authorization: "Basic c2VjcmV0" } },
  response: {
    status,
    headers: { get: (name: string) => headers[name.toLowerCase()] ?? null },
    text: async () => (typeof body === "string" ? body : JSON.stringify(body)),
  },
});

const problem = (type: string, title: string, detail: string) => ({ type: `https://developer.nexmo.com/api-errors${type}`, title, detail, instance: "x" });

describe("classifying Vonage failures", () => {
  it.each([
    ["REST 401", 401, { "error-code": "401", "error-code-label": "authentication failed" }, "bad-credentials"],
    ["API 401 problem", 401, problem("#unauthorized", "Invalid credentials supplied", "You did not provide correct credentials."), "bad-credentials"],
    ["top-up without auto-reload", 401, { "error-code": "401", "error-code-label": "not auto-reload enabled" }, "auto-reload-disabled"],
    ["420 method failed", 420, { "error-code": "420", "error-code-label": "method failed" }, "method-failed"],
    ["429", 429, "", "rate-limited"],
    ["subaccounts not enabled", 403, problem("#unprovisioned", "Authorisation error", "Account x is not provisioned"), "unprovisioned"],
    ["last secret", 403, problem("/account/secret-management#delete-last-secret", "Secret Deletion Forbidden", "Can not delete the last secret"), "last-secret"],
    ["third secret", 400, problem("/account/secret-management#add-excess-secret", "Maxmimum number of secrets already met", "maximum of 2"), "too-many-secrets"],
    ["validation", 422, problem("/subaccounts#validation", "Bad Request", "The request failed due to validation errors"), "validation"],
    ["low balance", 403, problem("#low-balance", "Low balance", "This request could not be performed due to your account balance being low."), "low-balance"],
    ["invalid transfer", 403, problem("/subaccounts#invalid-transfers", "Invalid Transfer", "Insufficient balance"), "rejected"],
    ["unknown key", 404, problem("#invalid-api-key", "Invalid API Key", "API key 'x' does not exist"), "not-found"],
    ["transfer conflict", 409, problem("/subaccounts#transfer-conflict", "Transfer Conflict", "already owned"), "conflict"],
    ["server error", 503, "<html>busy</html>", "unavailable"],
  ])("%s", async (_label, status, body, kind) => {
    expect((await failureFrom(httpError(status, body), "balance")).kind).toBe(kind);
  });

  it("reads error-code bodies inside an HTTP 200, and lets success through", () => {
    expect(failureFromCode("420", "method failed", "numbers.buy", "447700900001")).toMatchObject({ kind: "method-failed", status: 420, subject: "447700900001" });
    expect(failureFromCode("200", "success", "numbers.buy")).toBeUndefined();
  });

  it("tells a timeout or reset (outcome unknown) from a refused connection (nothing sent)", async () => {
    expect((await failureFrom({ name: "AbortError", type: "aborted" }, "numbers.buy")).kind).toBe("timeout");
    expect((await failureFrom({ name: "FetchError", type: "system", code: "ECONNRESET" }, "numbers.buy")).kind).toBe("timeout");
    expect((await failureFrom({ name: "FetchError", type: "system", code: "ECONNREFUSED" }, "numbers.buy")).kind).toBe("unavailable");
    expect((await failureFrom(new TypeError("x"), "balance")).kind).toBe("unknown");
  });

  it("keeps Vonage's words, cleaned, and the Retry-After hint; never the request", async () => {
    const failure = await failureFrom(httpError(429, problem("#throttled", "Too Many\nRequests", "slow down"), { "retry-after": "2.5" }), "settings");
    expect(failure).toMatchObject({ kind: "rate-limited", retryAfterSeconds: 3, detail: "Too Many Requests: slow down" });
    expect(JSON.stringify(failure)).not.toContain("Basic");
    const error = new ProviderError(failure);
    expect(error.message).toBe("Vonage says Switchboard is sending it too many requests right now.");
    expect(error.details.hint).toBe("Slow down and retry in 3 seconds.");
    expect(error.code).toBe("vonage_rate_limited");
  });

  it("adds invalid_parameters to the detail", async () => {
    const body = { ...problem("/account/secret-management#validation", "Bad Request", "The request failed due to validation errors"), invalid_parameters: [{ name: "secret", reason: "Does not meet complexity requirements" }] };
    const error = new ProviderError(await failureFrom(httpError(400, body), "secrets.create"));
    expect(error.message).toBe('Vonage refused that API secret. Vonage said: "Bad Request: The request failed due to validation errors: secret Does not meet complexity requirements".');
  });
});
