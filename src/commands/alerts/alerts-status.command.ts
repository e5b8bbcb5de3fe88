import { z } from "zod";
import dayjs from "dayjs";
import utc from "dayjs/plugin/utc.js";
import { defineCommand } from "../../core/commands/definition.ts";
import { fields, header, reply, text } from "../../core/view.ts";
import type { Block } from "../../core/view.ts";
import { channelLabel } from "../../alerts/channel-address.ts";

dayjs.extend(utc);

const DAY_MS = 24 * 3600 * 1000;

export const alertsStatusCommand = defineCommand({
  path: "alerts status",
  description: "When each scheduled job last ran, what it did, and how channel posts are getting through",
  args: z.object({}),
  access: "alerts",
  sideEffect: "read",
  needsAccount: true,
  async handler(ctx) {
    const { account } = ctx;
    const { jobs, alerts, outbox, posters, clock } = ctx.services;
    const runs = await jobs.lastRuns();
    const blocks: Block[] = [header("Alerts status")];
    if (runs.length === 0) blocks.push(text("No scheduled job has run yet.", "muted"));
    for (const run of runs) {
      const took = run.finishedAt ? `${((run.finishedAt.getTime() - run.startedAt.getTime()) / 1000).toFixed(1)} s` : "still running";
      const stats = (run.stats ?? {}) as Record<string, unknown>;
      blocks.push(
        fields({
          Job: run.job,
          "Last run": `${dayjs.utc(run.startedAt).format("D MMM HH:mm:ss")} UTC on ${run.instance}`,
          Took: took,
          ...(run.error ? { Error: run.error } : {}),
          ...Object.fromEntries(Object.entries(stats).map(([key, value]) => [humanize(key), String(value)])),
        }),
      );
    }
    const channels = [
      ...new Set([...(await alerts.rules.channelsOf(account.id)), ...(await alerts.subscriptions.ofAccount(account.id)).map((s) => s.channel)]),
    ];
    const delivery = await outbox.channelSummary(channels, new Date(clock.now().getTime() - DAY_MS));
    blocks.push(
      fields({
        "Posts waiting": String(delivery.pending),
        "Failed posts, last 24 h": String(delivery.failed.length),
        "Connected platforms": posters.platforms().join(", ") || "none",
      }),
    );
    for (const failure of delivery.failed) {
      blocks.push(text(`${channelLabel(failure.channel)} at ${dayjs.utc(failure.createdAt).format("D MMM HH:mm")} UTC: ${failure.lastError ?? "unknown"}`, "error"));
    }
    return reply(blocks);
  },
});

/** alertsPosted → Alerts posted */
const humanize = (key: string) => key.replace(/([A-Z])/g, " $1").replace(/^./, (c) => c.toUpperCase()).replace(/ ([A-Z])/g, (m) => m.toLowerCase());
