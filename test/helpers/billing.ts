// Billing tests: an app with the payment page served on loopback, and the few steps a
// person takes (get a link, fill the page, press a button), done over plain HTTP.
import net from "node:net";
import { expect } from "vitest";
import { HttpServer } from "../../src/platform/http-server.ts";
import { silentLogger } from "../../src/platform/logger.ts";
import { mountPaymentPages } from "../../src/billing/payment-page/payment-pages.ts";
import type { Reply } from "../../src/core/view.ts";
import type { Invocation } from "../../src/core/commands/context.ts";
import { createTestApp, type TestApp } from "./test-app.ts";

export interface BillingTestApp extends TestApp {
  baseUrl: string;
  stop(): Promise<void>;
}

export async function createBillingTestApp(options: Parameters<typeof createTestApp>[0] = {}): Promise<BillingTestApp> {
  const http = new HttpServer(options.log ?? silentLogger);
  // The links carry the public URL, so the port is chosen first; routes are mounted
  // before the server listens (Fastify fixes its routes then).
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const app = await createTestApp({ ...options, settings: { publicUrl: baseUrl, ...options.settings } });
  mountPaymentPages(http, app.services);
  await http.listen(port, "127.0.0.1");
  return {
    ...app,
    baseUrl,
    async stop() {
      await http.stop(1_000);
      await app.close();
    },
  };
}

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export function linkIn(text: string): string {
  const match = /http:\/\/127\.0\.0\.1:\d+\/billing\/pay\?token=[\w%-]+/.exec(text);
  if (!match) throw new Error(`No payment link in: ${text}`);
  return match[0];
}

export async function requestLink(app: TestApp, who: Partial<Invocation> = {}): Promise<string> {
  const result = await app.run("billing methods add", who);
  return linkIn(result.text);
}

export const cardValues = (overrides: Record<string, string> = {}): Record<string, string> => ({
  kind: "card",
  number: "4242 4242 4242 4242",
  expiry: "12/30",
  cvc: "123",
  name: "Acme Ltd",
  line1: "1 Main Street",
  city: "London",
  postalCode: "N1 9GU",
  country: "GB",
  ...overrides,
});

export async function submitPaymentPage(link: string, values: Record<string, string>, headers: Record<string, string> = {}) {
  const url = new URL(link);
  const body = new URLSearchParams({ token: url.searchParams.get("token") ?? "", ...values });
  const response = await fetch(`${url.origin}${url.pathname}`, {
    method: "POST",
    // A fresh connection each time: a kept-alive socket the server closes after its idle
    // timeout (5 s, often exceeded between steps on a loaded machine) fails with ECONNRESET.
    headers: { "content-type": "application/x-www-form-urlencoded", connection: "close", ...headers },
    body,
  });
  return { status: response.status, html: await response.text() };
}

/** Adds a payment method the way a person does: a link from chat, then the page. */
export async function addMethod(app: TestApp, values: Record<string, string> = cardValues(), who: Partial<Invocation> = {}): Promise<string> {
  const { status, html } = await submitPaymentPage(await requestLink(app, who), values);
  expect(status, html).toBe(201);
  return html;
}

/** The reference of a button in a reply, by its label. */
export function buttonRef(reply: Reply, label: string | RegExp): string {
  for (const block of reply.message?.blocks ?? []) {
    if (block.type !== "buttons") continue;
    const button = block.buttons.find((b) => (typeof label === "string" ? b.label === label : label.test(b.label)));
    if (button?.ref) return button.ref;
  }
  throw new Error(`No button ${String(label)} in the reply`);
}

export const TEN_MINUTES = 10 * 60_000;
export const HOUR = 3_600_000;

/** What `sandbox advance` does for one account: move its time on and replay what time would have done. */
export async function advance(app: TestApp, accountId: string, ms: number): Promise<string[]> {
  const account = await app.services.accounts.get(accountId);
  const from = app.clock.now();
  app.clock.advance(ms);
  return app.services.timeline.replay(account, from, app.clock.now());
}
