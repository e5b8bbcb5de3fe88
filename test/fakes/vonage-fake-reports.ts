// The synchronous Reports API (GET /v2/reports/records), written from Vonage's public
// reference: Basic authentication, account_id the caller's own key (or a subaccount's),
// product and direction required (direction for SMS), date_start/date_end at most 24 hours
// apart (start inclusive, end exclusive, on date_received / date_start for voice), pages
// of 1,000 records with request_status TRUNCATED, an opaque cursor and iv, and a
// `_links.next.href`. Failures are problem details: 403 for another account's data, 422
// with invalid_parameters for a missing or bad parameter.
import { randomBytes } from "node:crypto";
import type { FakeAccount, FakeReply } from "./vonage-fake-state.ts";
import { json, problem } from "./vonage-fake-state.ts";

export interface FakeReportRecord {
  product: "SMS" | "VOICE-CALL";
  direction: "outbound" | "inbound";
  /** The record as Vonage's JSON shows it (message_id, to, from, status, total_price...). */
  fields: Record<string, unknown>;
  /** date_received (SMS) or date_start (voice). */
  at: Date;
}

export interface ReportsState {
  records: Map<string, FakeReportRecord[]>;
  pageSize: number;
  /** cursor → where the next page starts and the iv it was issued with. */
  cursors: Map<string, { offset: number; iv: string; query: string }>;
}

const PRODUCTS = ["SMS", "VOICE-CALL", "WEBSOCKET-CALL", "VERIFY-API", "NUMBER-INSIGHT", "MESSAGES", "CONVERSATIONS", "ASR"];
const unprocessable = (name: string, reason: string): FakeReply =>
  ({ status: 422, contentType: "application/problem+json", body: { title: "Unprocessable entity", invalid_parameters: [{ reason, name }], instance: randomBytes(16).toString("hex") } });

/** Vonage's "2026-01-15T10:00:00+0000" or any ISO-8601 form. */
function parseDate(value: string | null): Date | undefined {
  if (!value) return undefined;
  const date = new Date(value.replace(/([+-]\d{2})(\d{2})$/, "$1:$2"));
  return Number.isNaN(date.getTime()) ? undefined : date;
}

export function reportsRecords(state: ReportsState, account: FakeAccount, query: URLSearchParams, apiHost: string, lookup: (key: string) => FakeAccount | undefined): FakeReply {
  const accountId = query.get("account_id");
  if (!accountId) return unprocessable("account_id", "Missing required parameter");
  const target = accountId === account.apiKey ? account : lookup(accountId)?.parent === account.apiKey ? lookup(accountId) : undefined;
  if (!target) return { status: 403, contentType: "application/problem+json", body: { title: "Forbidden", detail: "User not authorized to query the requested data", instance: randomBytes(16).toString("hex") } };
  const product = query.get("product");
  if (!product) return unprocessable("product", "Missing required parameter");
  if (!PRODUCTS.includes(product)) return unprocessable("product", `Could not resolve product name. Please use one of the following values [${PRODUCTS.join(", ")}]`);
  const direction = query.get("direction");
  if (product === "SMS" && !direction) return unprocessable("direction", "Missing required parameter");
  if (!query.get("date_start")) return unprocessable("date_start", "Missing required parameter");
  if (!query.get("date_end")) return unprocessable("date_end", "Missing required parameter");
  const start = parseDate(query.get("date_start"));
  const end = parseDate(query.get("date_end"));
  if (!start) return unprocessable("date_start", "Invalid date format");
  if (!end) return unprocessable("date_end", "Invalid date format");
  if (end.getTime() - start.getTime() > 24 * 3600 * 1000) return unprocessable("date_end", "Must be no more than 24 hours later than date_start");

  const key = [accountId, product, direction, query.get("date_start"), query.get("date_end"), query.get("status"), query.get("include_message")].join("|");
  let offset = 0;
  const cursor = query.get("cursor");
  if (cursor) {
    const issued = state.cursors.get(cursor);
    if (!issued || issued.iv !== query.get("iv") || issued.query !== key) {
      return problem(400, "/reports#invalid-request-parameters", "Invalid request parameter", "Invalid cursor or iv.");
    }
    offset = issued.offset;
  }
  const status = query.get("status");
  const includeMessage = query.get("include_message") === "true";
  const matching = (state.records.get(accountId) ?? [])
    .filter((r) => r.product === product && (!direction || r.direction === direction))
    .filter((r) => r.at >= start && r.at < end)
    .filter((r) => !status || r.fields.status === status)
    .sort((a, b) => a.at.getTime() - b.at.getTime());
  const page = matching.slice(offset, offset + state.pageSize).map((r) => {
    const { message_body, ...rest } = r.fields;
    return includeMessage && message_body !== undefined ? { ...rest, message_body } : rest;
  });
  const truncated = offset + state.pageSize < matching.length;
  const self = `${apiHost}/v2/reports/records?${query.toString()}`;
  const body: Record<string, unknown> = {
    _links: { self: { href: self } },
    request_id: randomBytes(16).toString("hex"),
    request_status: truncated ? "TRUNCATED" : "SUCCESS",
    received_at: new Date().toISOString(),
    product,
    ...(direction ? { direction } : {}),
    account_id: accountId,
    items_count: page.length,
    records: page,
  };
  if (truncated) {
    const next = randomBytes(24).toString("base64url");
    const iv = randomBytes(12).toString("base64url");
    state.cursors.set(next, { offset: offset + state.pageSize, iv, query: key });
    const params = new URLSearchParams(query);
    params.set("cursor", next);
    params.set("iv", iv);
    Object.assign(body, { cursor: next, iv, _links: { self: { href: self }, next: { href: `${apiHost}/v2/reports/records?${params.toString()}` } } });
  }
  return json(200, body);
}
