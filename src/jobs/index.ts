// The scheduled jobs, with their cron schedules from the configuration.
import type { Config } from "../config.ts";
import type { Services } from "../services.ts";
import type { JobDefinition } from "./job-runner.ts";
import { balanceCheckJob } from "../alerts/balance-check.job.ts";
import { renewalsJob } from "../numbers/renewals.job.ts";
import { renewalsOf } from "../numbers/numbers-module.ts";
import { billingJobs } from "../billing/billing.jobs.ts";
import { housekeepingJob } from "./housekeeping.job.ts";

export function jobDefinitions(services: Services, config: Config): JobDefinition[] {
  return [
    housekeepingJob(services),
    balanceCheckJob(services.alerts.balance, config.jobs.balanceCheckCron),
    renewalsJob(renewalsOf(services), config.jobs.renewalsCron),
    ...billingJobs(services, config),
  ];
}
