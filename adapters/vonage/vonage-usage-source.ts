// Usage of a Vonage account from its Reports API. The synchronous query answers at most 24
// hours at a time, for one product and direction, 1,000 records a page: a period is read
// day by day for SMS and voice, each direction, following the `next` links. What the API
// cannot answer is listed in `limits` and said in every reply.
import { Decimal } from "../../src/core/money.ts";
import { UserError } from "../../src/core/errors.ts";
import type { Clock } from "../../src/core/clock.ts";
import { summarize, totalsOf } from "../../src/usage/usage-aggregate.ts";
import type { Period, SearchPage, UsageFilter, UsageRecord, UsageSource } from "../../src/usage/usage-types.ts";
import type { ReportsProduct, ReportsQuery, ReportsRecord, VonageReports } from "./vonage-reports.ts";

const DAY_MS = 24 * 3600 * 1000;
/** The longest period read from the API: 31 days × 4 queries, plus their pages. */
export const VONAGE_MAX_DAYS = 31;
/** Records read for one reply; past it the reply says the figures are partial. */
export const VONAGE_MAX_RECORDS = 20_000;

const QUERIES: { product: ReportsProduct; direction: "outbound" | "inbound" }[] = [
  { product: "SMS", direction: "outbound" },
  { product: "SMS", direction: "inbound" },
  { product: "VOICE-CALL", direction: "outbound" },
  { product: "VOICE-CALL", direction: "inbound" },
];

export const VONAGE_USAGE_LIMITS = [
  "Vonage's Reports API answers 24 hours per query: Switchboard reads a period day by day, so a period is at most 31 days.",
  "Its records carry no message parts: each SMS counts as one part here.",
  "It filters only by date and SMS status: to:, from: and text: are matched by Switchboard over the period's records.",
];

export class VonageUsageSource implements UsageSource {
  readonly limits = [...VONAGE_USAGE_LIMITS];
  private truncated = false;

  constructor(
    private readonly connect: () => Promise<VonageReports>,
    private readonly clock: Clock,
  ) {}

  async summary(period: Period) {
    const summary = summarize(await this.read(period));
    if (this.truncated) this.limits.push(`More than ${VONAGE_MAX_RECORDS.toLocaleString("en")} records in the period: the figures cover the first ${VONAGE_MAX_RECORDS.toLocaleString("en")}.`);
    return summary;
  }

  async totals(period: Period) {
    return totalsOf(await this.read(period));
  }

  async search(filter: UsageFilter, page: { offset: number; size: number }): Promise<SearchPage> {
    const until = filter.until ?? this.clock.now();
    const since = filter.since ?? new Date(until.getTime() - 7 * DAY_MS);
    const records = (await this.read({ from: since, to: until, label: "" }, filter.status))
      .filter((r) => (!filter.to || r.to === filter.to) && (!filter.from || r.from === filter.from))
      .filter((r) => !filter.text || (r.text ?? "").toLowerCase().includes(filter.text.toLowerCase()))
      .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || b.id.localeCompare(a.id));
    return { records: records.slice(page.offset, page.offset + page.size), total: records.length, capped: this.truncated };
  }

  async records(period: Period, limit: number) {
    return (await this.read(period)).slice(0, limit);
  }

  private async read(period: Period, status?: string): Promise<UsageRecord[]> {
    const days = Math.ceil((period.to.getTime() - period.from.getTime()) / DAY_MS);
    if (days > VONAGE_MAX_DAYS) {
      throw new UserError("period_too_long", `Vonage's Reports API is read day by day, and ${days} days is more than the ${VONAGE_MAX_DAYS} Switchboard reads at once.`, {
        hint: "Choose a shorter period, such as `usage 30d` or `usage from:2026-01-01 to:2026-01-31`.",
      });
    }
    const reports = await this.connect();
    const out: UsageRecord[] = [];
    for (let start = period.from.getTime(); start < period.to.getTime(); start += DAY_MS) {
      const dateEnd = new Date(Math.min(start + DAY_MS, period.to.getTime()));
      for (const q of QUERIES) {
        const query: ReportsQuery = { ...q, dateStart: new Date(start), dateEnd, includeMessage: true, ...(status && q.product === "SMS" ? { status: vonageStatus(status) } : {}) };
        if (status && q.product !== "SMS") continue;
        let page = await reports.records(query);
        for (;;) {
          out.push(...page.records.map(toUsageRecord));
          if (out.length >= VONAGE_MAX_RECORDS) {
            this.truncated = true;
            return out.slice(0, VONAGE_MAX_RECORDS);
          }
          if (!page.next) break;
          page = await reports.records({ next: page.next });
        }
      }
    }
    return out;
  }
}

const FAILED = new Set(["failed", "rejected", "expired", "deleted", "busy", "timeout", "cancelled", "unanswered"]);
const DONE = new Set(["delivered", "completed", "answered"]);

/** Vonage's status words mapped to the usage views' four. */
export function normalizeStatus(record: Pick<ReportsRecord, "direction" | "status">): string {
  if (record.direction === "inbound") return "received";
  const status = record.status.toLowerCase();
  if (DONE.has(status)) return "delivered";
  if (FAILED.has(status)) return "failed";
  return "submitted";
}

/** The usage views' status filter in Vonage's SMS words. */
function vonageStatus(status: string): string {
  return status === "submitted" ? "accepted" : status;
}

function toUsageRecord(r: ReportsRecord): UsageRecord {
  const status = normalizeStatus(r);
  return {
    id: r.id,
    product: r.product === "SMS" ? "sms" : "voice",
    direction: r.direction,
    from: withPlus(r.from),
    to: withPlus(r.to),
    country: r.country ?? "unknown",
    network: r.network,
    networkName: r.networkName,
    parts: r.product === "SMS" ? 1 : 0,
    price: new Decimal(r.price),
    status,
    failureReason: status === "failed" ? (r.errorDescription ?? r.status) : undefined,
    demo: false,
    text: r.text,
    createdAt: r.at,
  };
}

const withPlus = (value: string) => (/^\d{7,15}$/.test(value) ? `+${value}` : value);
