// The account events a channel can subscribe to, by their type or a friendly name:
// "number.rented", "number-rented", "rented", or a group such as "numbers" or "all".
import { ACCOUNT_EVENT_TYPES, type AccountEventType } from "../accounts/account-events.ts";
import { UserError } from "../core/errors.ts";

export const EVENT_LABELS: Record<AccountEventType, string> = {
  "number.rented": "Number rented",
  "number.released": "Number released",
  "number.renewal_failed": "Number renewal failed",
  "autoreload.charged": "Auto-reload charged",
  "autoreload.failed": "Auto-reload failed",
  "autoreload.disabled": "Auto-reload switched off",
  "payment.received": "Payment received",
  "invoice.ready": "Invoice ready",
  "user.joined": "User joined",
  "user.removed": "User removed",
  "user.linked": "Chat identities linked",
  "webhook.check_failed": "Webhook check failed",
  "spend.requested": "Spend awaiting approval",
  "spend.approved": "Spend approved",
  "spend.denied": "Spend denied",
};

/** Posted even during quiet hours: money or numbers are about to be lost. */
export const CRITICAL_EVENTS: ReadonlySet<string> = new Set(["number.renewal_failed", "autoreload.failed"]);

const GROUPS: Record<string, AccountEventType[]> = {
  all: [...ACCOUNT_EVENT_TYPES],
  numbers: ACCOUNT_EVENT_TYPES.filter((t) => t.startsWith("number.")),
  autoreload: ACCOUNT_EVENT_TYPES.filter((t) => t.startsWith("autoreload.")),
  payments: ["payment.received"],
  invoices: ["invoice.ready"],
  users: ["user.joined", "user.removed", "user.linked"],
  webhooks: ["webhook.check_failed"],
  approvals: ["spend.requested", "spend.approved", "spend.denied"],
};

const squash = (value: string) => value.toLowerCase().replace(/[^a-z]/g, "");

function resolveOne(word: string): AccountEventType[] {
  const key = squash(word);
  const group = GROUPS[key] ?? GROUPS[key.replace(/s$/, "") + "s"];
  if (group) return group;
  const exact = ACCOUNT_EVENT_TYPES.filter((t) => squash(t) === key || squash(EVENT_LABELS[t]) === key);
  if (exact.length > 0) return exact;
  const byAction = ACCOUNT_EVENT_TYPES.filter((t) => squash(t.split(".")[1]!) === key);
  if (byAction.length === 1) return byAction;
  const choices = byAction.length > 1 ? byAction.join(", ") : undefined;
  throw new UserError("unknown_event", `"${word}" is not an account event${choices ? ` on its own: it could be ${choices}` : ""}.`, {
    hint: `Events: ${ACCOUNT_EVENT_TYPES.join(", ")}; or a group: ${Object.keys(GROUPS).join(", ")}.`,
    field: "events",
  });
}

export function parseEventTypes(words: string[]): AccountEventType[] {
  const found = new Set<AccountEventType>();
  for (const word of words) for (const type of resolveOne(word)) found.add(type);
  return ACCOUNT_EVENT_TYPES.filter((t) => found.has(t));
}

export const eventLabel = (type: string): string => EVENT_LABELS[type as AccountEventType] ?? type;
