// The daily renewals job: charges every sandbox number due, at its account's own time.
import type { JobDefinition } from "../jobs/job-runner.ts";
import type { Renewals } from "./renewals.ts";

export function renewalsJob(renewals: Renewals, schedule: string): JobDefinition {
  return {
    name: "renewals",
    schedule,
    async run(now, log, progress) {
      const { renewed, released, batches, failed } = await renewals.runDue(now, { log, progress });
      return { renewed, released, batches, failed };
    },
  };
}
