// What Switchboard asks of Vonage's Reports API: the synchronous records query, one page
// at a time. Implemented with the official SDK's authenticated client in adapters/vonage/.
import type { Decimal } from "../core/money.ts";

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

export interface VonageReportsOps {
  /** The first page of a query, or the page behind a `next` link. */
  records(query: ReportsQuery | { next: string }): Promise<ReportsPage>;
}
