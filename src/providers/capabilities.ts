// What each account provider can do, and what a command that needs something the account's
// provider cannot do says instead. A command declares `requires: <capability>`; the
// dispatcher checks it beside access (src/core/commands/requirements.ts), so no command
// tests `account.provider`. One sentence per capability, saying what to do instead.
import { UserError } from "../core/errors.ts";
import type { AccountRecord } from "../accounts/directory.ts";
import { dashboardOnlyError } from "./dashboard-links.ts";

export const CAPABILITIES = [
  /** The Vonage account API itself: top-up, default webhooks, unlinking. */
  "vonage",
  "subaccounts",
  /** Money kept in Switchboard's ledger: balance history, charts, Switchboard's auto-reload. */
  "ledger",
  /** Top-ups paid by card through Switchboard (`billing topup`). */
  "card-payments",
  "payment-methods",
  "invoices",
  "auto-reload",
  "balance-currency",
  /** The company profile kept by Switchboard. */
  "profile",
  /** The sandbox's own clock, moved on by `sandbox advance`. */
  "sandbox-clock",
  /** The sandbox's simulated phone network (inbound messages). */
  "sandbox-network",
  /** The sandbox's messaging API (`sms send`). */
  "sandbox-messaging",
] as const;
export type Capability = (typeof CAPABILITIES)[number];

type Account = Pick<AccountRecord, "provider" | "companyName">;

/** The account providers and what each can do; a provider not listed can do none of it. */
export const PROVIDER_CAPABILITIES: Readonly<Record<string, readonly Capability[]>> = {
  sandbox: [
    "ledger",
    "card-payments",
    "payment-methods",
    "invoices",
    "auto-reload",
    "balance-currency",
    "profile",
    "sandbox-clock",
    "sandbox-network",
    "sandbox-messaging",
  ],
  vonage: ["vonage", "subaccounts"],
};

const vonageOnly = (what: string, account: Account) =>
  new UserError("vonage_only", `${what} works on Vonage accounts, and ${account.companyName} is a sandbox account.`, {
    hint: "Connect a real Vonage account with `account link`.",
  });

/** For each capability, what a command needing it says to an account without it. */
const REFUSALS: Record<Capability, (command: string, account: Account) => UserError> = {
  vonage: (command, account) => vonageOnly(`\`${command}\``, account),
  subaccounts: (_command, account) => vonageOnly("The Subaccounts API", account),
  ledger: (command, account) =>
    new UserError("not_sandbox", `\`${command}\` reads Switchboard's ledger, and ${account.companyName} keeps its money at Vonage.`, {
      hint: "`billing balance` shows the balance Vonage reports, and `usage` what it was spent on.",
    }),
  "card-payments": () =>
    new UserError("vonage_topup", "This is a Vonage account: top it up with `vonage topup` (accounts with auto-reload enabled in the dashboard)."),
  "payment-methods": () => dashboardOnlyError("payment-methods"),
  invoices: () => dashboardOnlyError("invoices"),
  "auto-reload": () => dashboardOnlyError("auto-reload"),
  "balance-currency": () => dashboardOnlyError("balance-currency"),
  // A Vonage account's profile lives in its dashboard; Switchboard's copy would drift.
  profile: () => dashboardOnlyError("profile"),
  "sandbox-clock": () =>
    new UserError("not_sandbox", "Only sandbox accounts have a clock to move: this one is a real Vonage account.", {
      hint: "A Vonage account's renewals and top-ups happen at Vonage, in real time.",
    }),
  "sandbox-network": (command) =>
    new UserError("not_sandbox", `\`${command}\` simulates the sandbox's phone network; a Vonage account receives real messages.`, {
      hint: "Text the number from a phone; `usage search` shows what arrived.",
    }),
  "sandbox-messaging": (command) =>
    new UserError("not_sandbox", `\`${command}\` is the sandbox's messaging API; Vonage accounts send through Vonage's APIs.`, {
      hint: "`usage` shows what the account sent through Vonage.",
    }),
};

/** Whether the account's provider can do it: for views that show more where it can. */
export function can(account: Pick<AccountRecord, "provider">, capability: Capability): boolean {
  return PROVIDER_CAPABILITIES[account.provider]?.includes(capability) ?? false;
}

/** What `command` says to an account that lacks the capability. */
export function refusal(capability: Capability, command: string, account: Account): UserError {
  return REFUSALS[capability](command, account);
}
