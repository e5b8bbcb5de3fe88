// The balance chart as a file a reply carries: the sandbox ledger's last 30 days, the
// account's highest balance-alert threshold (the first to fire) and the projected runway.
import dayjs from "dayjs";
import utc from "dayjs/plugin/utc.js";
import type { Db } from "../data/database.ts";
import type { AccountRecord } from "../accounts/directory.ts";
import type { Decimal } from "../core/money.ts";
import type { FileOut } from "../core/view.ts";
import { balanceHistory, projectRunway } from "../usage/balance-history.ts";
import { spendRate } from "../billing/spend-rate.ts";
import { balanceChartSpec } from "./balance-chart.ts";
import { chartCurrency } from "./chart-currency.ts";
import { CHART_HEIGHT, CHART_WIDTH, renderChart } from "./chart-renderer.ts";

dayjs.extend(utc);

export interface BalanceChartDeps {
  db: Db;
  thresholds(accountId: string): Promise<Decimal[]>;
}

export async function balanceChartFile(
  deps: BalanceChartDeps,
  account: AccountRecord,
  display: { currency: string; format(eur: Decimal.Value): string; convert(eur: Decimal.Value): Decimal },
  now: Date,
): Promise<{ file: FileOut; runwayDays?: number }> {
  const points = await balanceHistory(deps.db, account.id, account.createdAt, now);
  const spend = await spendRate(deps.db, account, now);
  const { points: projection, runwayDays } = spend.known ? projectRunway(points[points.length - 1]!, spend.perDay) : { points: [], runwayDays: undefined };
  const [threshold] = await deps.thresholds(account.id);
  const runway = !spend.known
    ? "not enough history yet to project a runway"
    : runwayDays === undefined
      ? "no recent spend, no runway to project"
      : `runway about ${Math.floor(runwayDays)} days at ${display.format(spend.perDay)} a day`;
  const title = `Balance of ${account.companyName}, last 30 days`;
  // Drawn in the chart worker while the answer goes out: the file carries the promise of
  // its bytes (renderChart draws exactly CHART_WIDTH × CHART_HEIGHT).
  const png = renderChart(
    balanceChartSpec({ points, projection, threshold, currency: chartCurrency(display), title, subtitle: `${display.format(points[points.length - 1]!.balance)} now; ${runway}` }),
  ).then((chart) => chart.png);
  // Whoever sends the file meets a failure; this only keeps it from counting as unhandled
  // when nobody does (a reply whose files are not sent).
  png.catch(() => {});
  return {
    runwayDays,
    file: {
      name: `balance-${account.apiKey}-${dayjs.utc(now).format("YYYY-MM-DD")}.png`,
      mimeType: "image/png",
      content: png,
      title,
      image: { width: CHART_WIDTH, height: CHART_HEIGHT, alt: `${title}: ${runway}` },
    },
  };
}

/** The balance chart bound to its sources, as the services carry it. */
export class BalanceCharts {
  constructor(private readonly deps: BalanceChartDeps) {}

  file(account: AccountRecord, display: Parameters<typeof balanceChartFile>[2], now: Date): ReturnType<typeof balanceChartFile> {
    return balanceChartFile(this.deps, account, display, now);
  }
}
