// The services a command handler can use, built once from the database, clock and config.
// Adapters and jobs receive the same object; nothing here knows about a chat platform.
import type { Db } from "./data/database.ts";
import type { Clock } from "./core/clock.ts";
import type { Logger } from "./platform/logger.ts";
import { CommandRegistry } from "./core/commands/registry.ts";
import { ActionStore } from "./platform/action-store.ts";
import { IdempotencyStore } from "./platform/idempotency.ts";
import { AuditLog } from "./platform/audit-log.ts";
import { AccountDirectory, accountSelect } from "./accounts/directory.ts";
import { allCommands } from "./commands/index.ts";
import { JobRunner } from "./jobs/job-runner.ts";
import { Suggestions } from "./core/suggest/suggestions.ts";
import { countryOptions } from "./core/suggest/countries.ts";
import type { SecretBox } from "./platform/secret-box.ts";
import { Ledger } from "./billing/ledger.ts";
import { AccountEvents } from "./accounts/account-events.ts";
import { AccountService } from "./accounts/account-service.ts";
import { SandboxTimeline } from "./sandbox/sandbox-timeline.ts";
import { SandboxInbox } from "./sandbox/sandbox-inbox.ts";
import { PhoneVerification } from "./accounts/verification.ts";
import { Invites } from "./accounts/invites.ts";
import { IdentityLinks } from "./accounts/identity-links.ts";
import { registerAccountPlatform } from "./accounts/account-platform.ts";
import { PosterRegistry } from "./outbox/poster-registry.ts";
import { Outbox } from "./outbox/outbox.ts";
import { OutboxDispatcher } from "./outbox/outbox-dispatcher.ts";
import { FileRecipes, type FileDrawer } from "./outbox/file-recipes.ts";
import { buildAlerts, type Alerts } from "./alerts/alerts.ts";
import { balanceCheckStep } from "./alerts/balance-check.job.ts";
import { NumberProviders } from "./providers/number-providers.ts";
import { SecretProviders } from "./providers/secret-providers.ts";
import { SandboxSecretProvider } from "./accounts/sandbox-secrets.ts";
import { installNumbers } from "./numbers/numbers-module.ts";
import { noVonageGateway, type VonageGateway } from "./providers/vonage-gateway.ts";
import { VonageAccounts } from "./providers/vonage-accounts.ts";
import { accountBalance, ledgerBalances } from "./providers/account-balance.ts";
import { VonageLinking } from "./providers/vonage-linking.ts";
import { buildBilling, type Billing } from "./billing/billing.ts";
import { registerBillingTimeline } from "./billing/billing-timeline.ts";
import { alertHooks } from "./billing/alert-hooks.ts";
import { TableStatistics } from "./data/table-statistics.ts";
import { buildUsage, type Usage } from "./usage/usage-module.ts";
import { Members } from "./accounts/members.ts";
import { AccountSettings } from "./accounts/account-settings.ts";
import { DemoNumbers } from "./accounts/demo-numbers.ts";
import { ShortCodes } from "./shortcodes/short-codes.ts";
import { RentalsRepository } from "./numbers/rentals-repository.ts";
import { BalanceCharts } from "./charts/balance-chart-file.ts";
import { displayFor } from "./billing/display-currency.ts";
import type { AlertChart } from "./alerts/balance-alerts.ts";

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
  /** The users of each account: listing, joining, permissions, the primary role. */
  members: Members;
  /** Profile, profile phone, display currency and sandbox clock of each account. */
  accountSettings: AccountSettings;
  /** DEMO mode's verified destination numbers. */
  demoNumbers: DemoNumbers;
  shortCodes: ShortCodes;
  /** Sandbox number rentals: what each account rents and how each number is configured. */
  rentals: RentalsRepository;
  /** The balance chart `billing balance` attaches. */
  balanceCharts: BalanceCharts;
  /** Time-driven steps replayed by `sandbox advance`. */
  timeline: SandboxTimeline;
  inbox: SandboxInbox;
  verification: PhoneVerification;
  invites: Invites;
  identityLinks: IdentityLinks;
  /** Chat adapters register their ChannelPoster here when they start. */
  posters: PosterRegistry;
  /** Every channel post goes through the outbox. */
  outbox: Outbox;
  /** Delivers the outbox: run by the polling loop in adapters/app.ts. */
  outboxDispatcher: OutboxDispatcher;
  alerts: Alerts;
  /** The number provider of each account: `numberProviders.for(account)`. */
  numberProviders: NumberProviders;
  /** The API-secrets provider of each account: `secretProviders.for(account)`. */
  secretProviders: SecretProviders;
  /** Real Vonage accounts: credentials, balance, top-up and the SDK client per account. */
  vonage: VonageAccounts;
  vonageLinking: VonageLinking;
  /** Payment methods, payments, invoices, auto-reload, display currency. */
  billing: Billing;
  /** Planner statistics: PGlite gathers none by itself. */
  statistics: TableStatistics;
  /** Message records, the sandbox messaging API and the usage views' sources. */
  usage: Usage;
}

export interface ServiceDeps {
  db: Db;
  clock: Clock;
  log: Logger;
  settings: Settings;
  /** Names this process in job claims and outbox locks. */
  instanceId: string;
  secrets: SecretBox;
  /** The Vonage provider (the official SDK, or one pointed at a local fake in tests). */
  vonage?: VonageGateway;
}

export function buildServices({ db, clock, log, settings, instanceId, secrets, vonage: gateway = noVonageGateway }: ServiceDeps): Services {
  const suggestions = new Suggestions();
  suggestions.register("countries", async (_ctx, query) => countryOptions(query));
  const directory = new AccountDirectory(db);
  const ledger = new Ledger(db);
  const inbox = new SandboxInbox(db);
  const actions = new ActionStore(db, clock);
  const posters = new PosterRegistry();
  const outbox = new Outbox(db, clock, actions);
  const events = new AccountEvents(db);
  const accounts = new AccountService(db, directory, ledger, secrets);
  const billing = buildBilling({ db, clock, log, secrets, ledger, accounts, events, outbox, fxRatesUrl: () => settings.fxRatesUrl });
  const vonage = new VonageAccounts(db, secrets, gateway);
  const numberProviders = new NumberProviders();
  numberProviders.register(gateway.numberProvider(vonage));
  const secretProviders = new SecretProviders();
  secretProviders.register(new SandboxSecretProvider(db, secrets));
  secretProviders.register(gateway.secretProvider(vonage));
  const balanceCharts = new BalanceCharts({ db, thresholds: async (id) => (await alerts.rules.ofAccount(id)).map((a) => a.threshold) });
  const fileRecipes = new FileRecipes();
  fileRecipes.register(BALANCE_CHART, drawBalanceChart(db, balanceCharts, billing, clock));
  const alerts = buildAlerts({
    db,
    clock,
    ledger,
    outbox,
    balanceOf: async (account) => (await accountBalance({ ledger, vonage }, account)).value,
    balances: (accounts) => ledgerBalances({ ledger }, accounts),
    chart: alertChart,
    ...alertHooks(billing, clock),
  });
  const timeline = new SandboxTimeline();
  registerBillingTimeline(timeline, billing);
  timeline.addPeriodic(balanceCheckStep(alerts.balance));
  const services: Services = {
    db,
    clock,
    log,
    settings,
    registry: new CommandRegistry(allCommands),
    actions,
    idempotency: new IdempotencyStore(db, clock),
    audit: new AuditLog(db),
    directory,
    jobs: new JobRunner(db, clock, log, instanceId),
    suggestions,
    secrets,
    ledger,
    events,
    accounts,
    members: new Members(db),
    accountSettings: new AccountSettings(db),
    demoNumbers: new DemoNumbers(db),
    shortCodes: new ShortCodes(db),
    rentals: new RentalsRepository(db),
    balanceCharts,
    inbox,
    verification: new PhoneVerification(db, inbox),
    invites: new Invites(db),
    identityLinks: new IdentityLinks(db),
    timeline,
    posters,
    outbox,
    outboxDispatcher: new OutboxDispatcher(db, posters, clock, log, instanceId, { recipes: fileRecipes }),
    alerts,
    numberProviders,
    secretProviders,
    vonage,
    vonageLinking: new VonageLinking(db, directory, vonage, secrets),
    billing,
    statistics: new TableStatistics(db),
    usage: buildUsage(db, gateway.usageProvider(vonage), ledger),
  };
  registerAccountPlatform(services);
  installNumbers(services);
  return services;
}

const BALANCE_CHART = "balance-chart";

/**
 * A balance alert's chart: a sandbox account's last 30 days up to the alert's instant
 * (Vonage reports no history), drawn when the post is delivered.
 */
const alertChart: AlertChart = (account, at) =>
  account.provider === "vonage" ? undefined : { kind: BALANCE_CHART, args: { accountId: account.id, at: at.toISOString() } };

/** Draws it; a chart that cannot be drawn leaves the post without one (the dispatcher logs why). */
function drawBalanceChart(db: Db, charts: BalanceCharts, billing: Billing, clock: Clock): FileDrawer {
  return async ({ accountId, at }) => {
    const account = await db.account.findUnique({ where: { id: accountId ?? "" }, select: accountSelect });
    if (!account || !at) return undefined;
    const display = await displayFor(billing.fx, account.displayCurrency, clock);
    const { file } = await charts.file(account, display, new Date(at));
    return { ...file, content: await file.content };
  };
}
