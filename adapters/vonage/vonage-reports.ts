// Vonage's synchronous Reports API (GET /v2/reports/records) through the official SDK's
// authenticated client: @vonage/server-client's Client with Basic authentication, as the
// SDK's own product clients do. Pages are followed through `_links.next.href`, but only on
// the configured API host: the link carries the account's credentials when followed.
import { AuthenticationType, Client } from "@vonage/server-client";
import { Decimal } from "../../src/core/money.ts";
import type { VonageCalls } from "./vonage-calls.ts";

// What Switchboard asks of the Reports API, in Vonage's words: the synchronous records
// query, one page at a time. Only the usage port's Vonage source (vonage-usage-source.ts) reads it.
export type ReportsProduct = "SMS" | "VOICE-CALL";

export interface ReportsQuery {
  product: ReportsProduct;
  direction: "outbound" | "inbound";
  /** Inclusive; Vonage allows at most 24 hours between start and end. */
  dateStart: Date;
  /** Exclusive. */
  dateEnd: Date;
  /** SMS only: one of Vonage's SMS statuses (delivered, failed, rejected...). */
  status?: string;
  includeMessage?: boolean;
}

/** One record as Vonage reports it, in the fields both products share. */
export interface ReportsRecord {
  id: string;
  product: ReportsProduct;
  direction: "outbound" | "inbound";
  from: string;
  to: string;
  country?: string;
  network?: string;
  networkName?: string;
  /** Vonage's own status words (delivered, failed, completed, busy...). */
  status: string;
  errorDescription?: string;
  /** EUR (Vonage reports in the account's currency; EUR for every account it supports). */
  price: Decimal;
  /** SMS: parts are not reported; 1 per record. Voice: seconds. */
  durationSeconds?: number;
  text?: string;
  at: Date;
}

export interface ReportsPage {
  records: ReportsRecord[];
  /** The next page's address (`_links.next.href`) when the answer was TRUNCATED. */
  next?: string;
}


/** The SDK's Client with the authentication the Reports API takes. */
export class ReportsClient extends Client {
  protected override authType = AuthenticationType.BASIC;
}

const RECORDS_PATH = "/v2/reports/records";

interface RecordsBody {
  request_status?: string;
  product?: string;
  direction?: string;
  records?: Record<string, unknown>[];
  _links?: { next?: { href?: string } };
  cursor?: string;
  iv?: string;
}

export class VonageReports {
  constructor(
    private readonly sdk: ReportsClient,
    private readonly calls: VonageCalls,
  ) {}

  /** The first page of a query, or the page behind a `next` link. */
  records(query: ReportsQuery | { next: string }): Promise<ReportsPage> {
    return this.calls.run("reports.records", async () => {
      const host = (this.sdk.getConfig().apiHost ?? "https://api.nexmo.com").replace(/\/$/, "");
      const response =
        "next" in query
          ? await this.sdk.sendGetRequest<RecordsBody>(sameHost(host, query.next))
          : await this.sdk.sendGetRequest<RecordsBody>(`${host}${RECORDS_PATH}`, params(this.calls.apiKey, query));
      const body = response.data ?? {};
      const product = "next" in query ? body.product : query.product;
      const direction = "next" in query ? body.direction : query.direction;
      const records = (body.records ?? []).map((r) => recordOf(r, product === "VOICE-CALL" ? "VOICE-CALL" : "SMS", direction === "inbound" ? "inbound" : "outbound"));
      const next = body.request_status === "TRUNCATED" ? body._links?.next?.href : undefined;
      return { records, ...(next ? { next } : {}) };
    });
  }
}

/** Vonage's timestamps with an explicit UTC offset, as its reference shows them. */
const iso = (date: Date) => date.toISOString().replace(/\.\d{3}Z$/, "+0000");

function params(apiKey: string, query: ReportsQuery): Record<string, string> {
  return {
    account_id: apiKey,
    product: query.product,
    direction: query.direction,
    date_start: iso(query.dateStart),
    date_end: iso(query.dateEnd),
    ...(query.status ? { status: query.status } : {}),
    ...(query.includeMessage && query.product === "SMS" ? { include_message: "true" } : {}),
  };
}

/** The next page on our API host: path and query from the link, never its host. */
function sameHost(host: string, next: string): string {
  const url = new URL(next, host);
  if (url.pathname !== RECORDS_PATH) throw new TypeError(`Vonage's next link points elsewhere (${url.pathname})`);
  return `${host}${url.pathname}${url.search}`;
}

const str = (value: unknown): string | undefined => (value === undefined || value === null || value === "" ? undefined : String(value));

/** A JSON record of either product, read defensively: numbers may arrive as strings. */
export function recordOf(r: Record<string, unknown>, product: ReportsRecord["product"], direction: ReportsRecord["direction"]): ReportsRecord {
  const voice = product === "VOICE-CALL";
  const at = str(voice ? (r.date_start ?? r.start_time) : r.date_received) ?? str(r.date_finalized) ?? new Date(0).toISOString();
  const duration = Number(r.duration);
  return {
    id: str(voice ? (r.id ?? r.uuid) : r.message_id) ?? "unknown",
    product,
    direction: (str(r.direction) as ReportsRecord["direction"] | undefined) ?? direction,
    from: str(r.from) ?? "",
    to: str(r.to) ?? "",
    country: str(r.country),
    network: str(r.network),
    networkName: str(r.network_name),
    status: str(r.status) ?? "unknown",
    errorDescription: str(r.error_code_description ?? r.voice_status_description),
    price: new Decimal(str(r.total_price) ?? str(r.price) ?? "0"),
    ...(voice && Number.isFinite(duration) ? { durationSeconds: duration } : {}),
    text: str(r.message_body),
    at: new Date(at.replace(/([+-]\d{2})(\d{2})$/, "$1:$2")),
  };
}
