// The scheduled jobs, with their cron schedules from the configuration.
import type { Config } from "../config.ts";
import type { Services } from "../services.ts";
import type { JobDefinition } from "./job-runner.ts";
import { balanceCheckJob } from "../alerts/balance-check.job.ts";
import { renewalsJob } from "../numbers/renewals.job.ts";
import { renewalsOf } from "../numbers/numbers-module.ts";
import { billingJobs } from "../billing/billing.jobs.ts";

export function jobDefinitions(services: Services, config: Config): JobDefinition[] {
  return [
    {
      name: "housekeeping",
      schedule: "7 * * * *",
      async run() {
        return { expiredActions: await services.actions.purgeExpired() };
      },
    },
    balanceCheckJob(services.alerts.balance, config.jobs.balanceCheckCron),
    renewalsJob(renewalsOf(services), config.jobs.renewalsCron),
    ...billingJobs(services, config),
  ];
}
