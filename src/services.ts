// The services a command handler can use, built once from the database, clock and config.
// Adapters and jobs receive the same object; nothing here knows about a chat platform.
import type { Db } from "./data/database.ts";
import type { Clock } from "./core/clock.ts";
import type { Logger } from "./platform/logger.ts";
import { CommandRegistry } from "./core/commands/registry.ts";
import { ActionStore } from "./platform/action-store.ts";
import { IdempotencyStore } from "./platform/idempotency.ts";
import { AuditLog } from "./platform/audit-log.ts";
import { AccountDirectory } from "./accounts/directory.ts";
import { allCommands } from "./commands/index.ts";
import { JobRunner } from "./jobs/job-runner.ts";
import { Suggestions } from "./core/suggest/suggestions.ts";
import { countryOptions } from "./core/suggest/countries.ts";
import type { SecretBox } from "./platform/secret-box.ts";
import { Ledger } from "./billing/ledger.ts";
import { AccountEvents } from "./accounts/account-events.ts";
import { AccountService } from "./accounts/account-service.ts";
import { SandboxTimeline } from "./sandbox/sandbox-timeline.ts";
import { buildBilling, type Billing } from "./billing/billing.ts";
import { registerBillingTimeline } from "./billing/billing-timeline.ts";

export interface Settings {
  publicUrl: string;
  /** Allows webhook probes to private and loopback addresses (local development). */
  devMode: boolean;
  inviteTtlDays: number;
  /** EUR→USD reference rates (ECB daily XML); unset: no rate is fetched, amounts stay in EUR. */
  fxRatesUrl?: string;
}

export interface Services {
  db: Db;
  clock: Clock;
  log: Logger;
  settings: Settings;
  registry: CommandRegistry;
  actions: ActionStore;
  idempotency: IdempotencyStore;
  audit: AuditLog;
  directory: AccountDirectory;
  jobs: JobRunner;
  suggestions: Suggestions;
  secrets: SecretBox;
  ledger: Ledger;
  events: AccountEvents;
  accounts: AccountService;
  /** Time-driven steps replayed by `sandbox advance`. */
  timeline: SandboxTimeline;
  /** Payment methods, payments, invoices, auto-reload, display currency. */
  billing: Billing;
}

export interface ServiceDeps {
  db: Db;
  clock: Clock;
  log: Logger;
  settings: Settings;
  /** Names this process in job claims and outbox locks. */
  instanceId: string;
  secrets: SecretBox;
}

export function buildServices({ db, clock, log, settings, instanceId, secrets }: ServiceDeps): Services {
  const suggestions = new Suggestions();
  suggestions.register("countries", async (_ctx, query) => countryOptions(query));
  const directory = new AccountDirectory(db);
  const ledger = new Ledger(db);
  const events = new AccountEvents(db);
  const accounts = new AccountService(db, directory, ledger, secrets);
  const timeline = new SandboxTimeline();
  const billing = buildBilling({ db, clock, log, secrets, ledger, accounts, events, fxRatesUrl: () => settings.fxRatesUrl });
  registerBillingTimeline(timeline, billing);
  return {
    db,
    clock,
    log,
    settings,
    registry: new CommandRegistry(allCommands),
    actions: new ActionStore(db, clock),
    idempotency: new IdempotencyStore(db),
    audit: new AuditLog(db),
    directory,
    jobs: new JobRunner(db, clock, log, instanceId),
    suggestions,
    secrets,
    ledger,
    events,
    accounts,
    timeline,
    billing,
  };
}
