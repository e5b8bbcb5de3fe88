// Before a webhook URL is saved, the endpoint must be live: an HTTP GET that answers 2xx
// within a few seconds (the dashboard asks the same of its users). The host is resolved
// once, every address is checked, and the request connects to exactly those addresses, so
// a name cannot resolve to a public address for the check and a private one for the call.
import http from "node:http";
import https from "node:https";
import net from "node:net";
import { lookup as dnsLookup } from "node:dns/promises";
import type { LookupFunction } from "node:net";
import { restrictedKind } from "./address-policy.ts";

export const WEBHOOK_CHECK_TIMEOUT_MS = 4000;

export type Resolver = (host: string) => Promise<{ address: string; family: number }[]>;

export interface WebhookCheckOptions {
  /** Development mode: private and loopback addresses may be called. */
  allowPrivate: boolean;
  timeoutMs?: number;
  resolve?: Resolver;
}

/** `restricted`: refused by the address policy, which development mode lifts. */
export type WebhookCheck = { live: true; status: number } | { live: false; reason: string; restricted?: boolean };

/** What a user in development does about a refused private or loopback address. */
export const DEV_MODE_HINT = "To call local addresses while developing, start Switchboard with SWITCHBOARD_DEV_MODE=true.";

const systemResolver: Resolver = (host) => dnsLookup(host, { all: true, verbatim: true });

export async function checkWebhook(url: string, options: WebhookCheckOptions): Promise<WebhookCheck> {
  const resolved = await resolveAllowed(url, options);
  if ("reason" in resolved) return { live: false, ...resolved };
  return request(resolved.target, resolved.addresses, options.timeoutMs ?? WEBHOOK_CHECK_TIMEOUT_MS);
}

/**
 * Posts a JSON body to a webhook under the same address policy as the check: resolved once,
 * every address checked, the connection pinned to them. Used by the sandbox's simulated
 * inbound messages; the answer is reported like a check's.
 */
export async function postWebhook(url: string, body: unknown, options: WebhookCheckOptions): Promise<WebhookCheck> {
  const resolved = await resolveAllowed(url, options);
  if ("reason" in resolved) return { live: false, ...resolved };
  return request(resolved.target, resolved.addresses, options.timeoutMs ?? WEBHOOK_CHECK_TIMEOUT_MS, JSON.stringify(body));
}

type Resolved = { target: URL; addresses: { address: string; family: number }[] } | { reason: string; restricted?: boolean };

async function resolveAllowed(url: string, options: WebhookCheckOptions): Promise<Resolved> {
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    return { reason: "it is not a valid URL" };
  }
  if (target.protocol !== "https:" && target.protocol !== "http:") return { reason: "it must start with https:// or http://" };
  if (target.username || target.password) return { reason: "it must not carry a user name or password" };
  const host = target.hostname.replace(/^\[|\]$/g, "");
  let addresses: { address: string; family: number }[];
  try {
    addresses = net.isIP(host) ? [{ address: host, family: net.isIP(host) }] : await (options.resolve ?? systemResolver)(host);
  } catch (error) {
    return { reason: `the host name ${host} does not resolve (${(error as NodeJS.ErrnoException).code ?? "lookup failed"})` };
  }
  if (addresses.length === 0) return { reason: `the host name ${host} does not resolve` };
  if (!options.allowPrivate) {
    for (const { address } of addresses) {
      const kind = restrictedKind(address);
      if (kind) return { reason: `${host} is ${kind} address (${address}), which Switchboard does not call`, restricted: true };
    }
  }
  return { target, addresses };
}

function request(target: URL, addresses: { address: string; family: number }[], timeoutMs: number, body?: string): Promise<WebhookCheck> {
  const pinned: LookupFunction = (_host, lookupOptions, callback) => {
    if (lookupOptions.all) callback(null, addresses);
    else callback(null, addresses[0]!.address, addresses[0]!.family);
  };
  const client = target.protocol === "https:" ? https : http;
  return new Promise((resolve) => {
    const req = client.request(
      target,
      {
        method: body === undefined ? "GET" : "POST",
        lookup: pinned,
        headers: {
          "user-agent": body === undefined ? "Switchboard webhook check" : "Switchboard sandbox",
          accept: "*/*",
          ...(body === undefined ? {} : { "content-type": "application/json", "content-length": Buffer.byteLength(body) }),
        },
      },
      (res) => {
        res.resume();
        clearTimeout(timer);
        req.destroy();
        const status = res.statusCode ?? 0;
        if (status >= 200 && status < 300) resolve({ live: true, status });
        else if (status >= 300 && status < 400) resolve({ live: false, reason: `it answered ${status} (a redirect, which is not followed)` });
        else resolve({ live: false, reason: `it answered ${status}${res.statusMessage ? ` ${res.statusMessage}` : ""}` });
      },
    );
    const timer = setTimeout(() => {
      resolve({ live: false, reason: `it did not answer within ${timeoutMs / 1000} seconds` });
      req.destroy();
    }, timeoutMs);
    req.on("error", (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      resolve({ live: false, reason: describeError(error) });
    });
    req.end(body);
  });
}

function describeError(error: NodeJS.ErrnoException): string {
  if (error.code === "ECONNREFUSED") return "it refused the connection";
  if (error.code === "ECONNRESET") return "it closed the connection without answering";
  if (error.code === "ETIMEDOUT") return "the connection timed out";
  if (error.code?.startsWith("ERR_TLS") || error.code?.includes("CERT")) return `its TLS certificate was refused (${error.code})`;
  return `the request failed (${error.code ?? error.message})`;
}
