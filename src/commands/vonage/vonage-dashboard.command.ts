import { z } from "zod";
import { defineCommand } from "../../core/commands/definition.ts";
import { fields, reply, text } from "../../core/view.ts";
import { DASHBOARD_TOPICS, dashboardLink, dashboardOnlyReply, dashboardTask, type DashboardTopic } from "../../providers/dashboard-links.ts";

/** What the Vonage API cannot do from chat, each with the dashboard page that can. */
export const vonageDashboardCommand = defineCommand({
  path: "vonage dashboard",
  description: "What only the Vonage dashboard can do (payment methods, invoices, dashboard users, e-mail alerts), with links",
  examples: ["vonage dashboard", "vonage dashboard invoices"],
  args: z.object({ topic: z.enum(DASHBOARD_TOPICS as [DashboardTopic, ...DashboardTopic[]]).optional() }),
  positional: ["topic"],
  access: "anyone",
  sideEffect: "read",
  needsAccount: false,
  async handler(_ctx, { topic }) {
    if (topic) return dashboardOnlyReply(topic);
    return reply([
      text("On Vonage accounts, these are done in the Vonage dashboard; Switchboard links there instead of pretending:"),
      fields(DASHBOARD_TOPICS.map((t) => ({ label: t, value: `${dashboardTask(t)}: ${dashboardLink(t)}` }))),
    ]);
  },
});
