// The hourly balance check (BALANCE_CHECK_CRON), and the same check as a sandbox timeline
// step so that `sandbox advance` raises the alerts an account's spending would have.
import type { JobDefinition } from "../jobs/job-runner.ts";
import type { PeriodicStep } from "../sandbox/sandbox-timeline.ts";
import type { BalanceAlerts } from "./balance-alerts.ts";

export const BALANCE_CHECK_JOB = "balance-alerts";
const HOUR_MS = 3600 * 1000;

export function balanceCheckJob(alerts: BalanceAlerts, schedule: string): JobDefinition {
  return {
    name: BALANCE_CHECK_JOB,
    schedule,
    run: (now, log, progress) => alerts.checkAll(now, log, progress),
  };
}

export function balanceCheckStep(alerts: BalanceAlerts): PeriodicStep {
  return {
    name: "balance alerts",
    // After renewals and auto-reload have moved the balance at the same instant.
    order: 90,
    everyMs: HOUR_MS,
    async run(account, at) {
      const outcome = await alerts.checkAccount(account, at);
      return outcome.notes.length ? outcome.notes.join(" ") : undefined;
    },
  };
}
