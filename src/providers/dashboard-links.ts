// What Vonage's API cannot do, said plainly with a link to the dashboard page that can.
// Billing, users and alerts commands call these when account.provider === "vonage"
// instead of pretending.
import { UserError } from "../core/errors.ts";
import { reply, text, type Reply } from "../core/view.ts";

const DASHBOARD = "https://dashboard.nexmo.com";

const TOPICS = {
  "payment-methods": { path: "/billing-and-payments/billing-information", what: "add or remove payment methods" },
  invoices: { path: "/billing-and-payments", what: "generate or download invoices" },
  "auto-reload": { path: "/billing-and-payments", what: "turn auto-reload on or off, or change its amount and threshold" },
  "balance-currency": { path: "/billing-and-payments/settings", what: "change the balance display currency" },
  "dashboard-users": { path: "/users", what: "add or restrict the users who sign in to the Vonage dashboard" },
  "email-alerts": { path: "/settings", what: "change the dashboard's own e-mail balance alerts" },
  "api-settings": { path: "/settings", what: "show existing API secrets in full" },
  profile: { path: "/edit-profile", what: "change the company profile" },
  "buy-numbers": { path: "/buy-numbers", what: "buy numbers that need a local address" },
} as const;

export type DashboardTopic = keyof typeof TOPICS;
export const DASHBOARD_TOPICS = Object.keys(TOPICS) as DashboardTopic[];

export const dashboardLink = (topic: DashboardTopic): string => DASHBOARD + TOPICS[topic].path;
/** "add or remove payment methods" */
export const dashboardTask = (topic: DashboardTopic): string => TOPICS[topic].what;

/** "Vonage's API cannot add or remove payment methods: do it in the dashboard: <link>." */
export function dashboardSentence(topic: DashboardTopic): string {
  return `Vonage's API cannot ${TOPICS[topic].what}: do it in the Vonage dashboard, ${dashboardLink(topic)}`;
}

/** A reply for a command that works on sandbox accounts but not through Vonage's API. */
export function dashboardOnlyReply(topic: DashboardTopic, note?: string): Reply {
  return reply([
    text(dashboardSentence(topic)),
    ...(note ? [text(note, "muted")] : []),
    text("Switchboard shows what the API exposes and never pretends to do the rest.", "muted"),
  ]);
}

/** The same, for handlers that prefer to throw. */
export function dashboardOnlyError(topic: DashboardTopic): UserError {
  return new UserError("dashboard_only", `${dashboardSentence(topic)}.`, {
    hint: "Switchboard shows what the API exposes and never pretends to do the rest.",
  });
}
