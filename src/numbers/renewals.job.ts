// The daily renewals job: charges every sandbox number due, at its account's own time.
import type { JobDefinition } from "../jobs/job-runner.ts";
import type { Renewals } from "./renewals.ts";

export function renewalsJob(renewals: Renewals, schedule: string): JobDefinition {
  return {
    name: "renewals",
    schedule,
    async run(now) {
      const { renewed, released, batches } = await renewals.runDue(now);
      return { renewed, released, batches };
    },
  };
}
