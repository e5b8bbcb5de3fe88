// The usage bench's records, seeded set-based: one INSERT … SELECT … FROM generate_series
// for the records, one INSERT … SELECT … GROUP BY for their daily roll-up (the statement the
// back-fill migration runs), so a million records take a minute or so, not an hour.
//
// Every column is a function of the row number g:
// - account: one row in five (g % 5 = 0) belongs to the busy account, the rest to 999 others;
// - time: evenly spread over `days` (row g is g / records of the span before `now`), so a
//   week holds 7/days of each account's records;
// - direction: one row in fifty inbound (g % 50 = 25, which the busy account has too);
// - status: from (g / 5) % 100, independent of the account: 5% failed (with four of the
//   network's real reasons), 2% awaiting a receipt, the rest delivered;
// - 7 countries, 5,000 destination numbers (1,000 of them the busy account's), one
//   message in ten of two parts.
import type { Db } from "../src/data/database.ts";
import { FAILURE_REASONS } from "../src/usage/sandbox-network.ts";
import { rebuildUsageRollup } from "../src/usage/usage-rollup.ts";

/** One record in `BUSY_SHARE` belongs to the busy account. */
export const BUSY_SHARE = 5;

export interface UsageSeed {
  records: number;
  days: number;
  busyAccountId: string;
  now: Date;
}

export async function seedUsageRecords(db: Db, seed: UsageSeed): Promise<void> {
  const span = seed.days * 86_400;
  await db.$executeRawUnsafe(
    `INSERT INTO "MessageRecord" (id, "accountId", product, direction, "from", "to", country, network, "networkName", parts, price, status, "failureReason", demo, text, "createdAt", "receiptAt")
     SELECT 'sms_bench_' || g,
            CASE WHEN g % ${BUSY_SHARE} = 0 THEN $1 ELSE 'acc_bench_' || (g % 999) END,
            'sms',
            CASE WHEN inbound THEN 'inbound' ELSE 'outbound' END,
            'Switchboard',
            '+4477009' || lpad((g % 5000)::text, 5, '0'),
            (ARRAY['GB','DE','FR','US/CA','ES','IT','NL'])[1 + g % 7],
            '23410', 'O2 UK',
            1 + (g % 10 = 0)::int,
            CASE WHEN inbound THEN 0 ELSE 0.04 * (1 + (g % 10 = 0)::int) END,
            CASE WHEN inbound THEN 'received' WHEN s < 5 THEN 'failed' WHEN s < 7 THEN 'submitted' ELSE 'delivered' END,
            CASE WHEN NOT inbound AND s < 5 THEN ($3::text[])[1 + (g / 500) % 4] END,
            false,
            'Your code is ' || (g % 10000),
            at,
            CASE WHEN inbound OR s NOT BETWEEN 5 AND 6 THEN at + interval '3 seconds' END
     FROM generate_series(1, ${seed.records}) AS g,
          LATERAL (SELECT g % 50 = 25 AS inbound, (g / 5) % 100 AS s,
                          $2::timestamp - make_interval(secs => (g::bigint * ${span} / ${seed.records})::double precision) AS at) AS row`,
    seed.busyAccountId,
    seed.now,
    [...FAILURE_REASONS],
  );
  await rebuildUsageRollup(db);
  await db.$executeRawUnsafe(`ANALYZE "MessageRecord"`);
  await db.$executeRawUnsafe(`ANALYZE "MessageUsageDay"`);
  await db.$executeRawUnsafe(`ANALYZE "MessageNumberDay"`);
}
