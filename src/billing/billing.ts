// The billing part of the account platform, wired once: stored payment methods and their
// one-time links, payments, invoices, auto-reload and display currency rates.
import { SpendGuard } from "./spend-guard.ts";
import type { Db } from "../data/database.ts";
import type { Clock } from "../core/clock.ts";
import type { Logger } from "../platform/logger.ts";
import type { SecretBox } from "../platform/secret-box.ts";
import type { Ledger } from "./ledger.ts";
import type { AccountService } from "../accounts/account-service.ts";
import type { AccountEvents } from "../accounts/account-events.ts";
import type { PaymentProcessor } from "./processor/payment-processor.ts";
import { SimulatedProcessor } from "./processor/simulated-processor.ts";
import { PaymentMethods } from "./payment-methods.ts";
import { PaymentLinks } from "./payment-links.ts";
import { Payments } from "./payments.ts";
import { Invoices } from "./invoices.ts";
import { AutoReloads } from "./auto-reload.ts";
import { PaymentReconciler } from "./payment-reconciler.ts";
import { FxRates } from "./fx-rates.ts";
import { BillingExports } from "./exports/billing-exports.ts";
import type { Outbox } from "../outbox/outbox.ts";

export interface Billing {
  processor: PaymentProcessor;
  methods: PaymentMethods;
  links: PaymentLinks;
  payments: Payments;
  invoices: Invoices;
  autoReload: AutoReloads;
  /** Finishes payments a dead process left "processing" (the payment-reconcile job). */
  reconciler: PaymentReconciler;
  fx: FxRates;
  /** Spend guardrails: daily top-ups, rents an hour, approvals above a limit. */
  guard: SpendGuard;
  /** The transactions and activity spreadsheets. */
  exports: BillingExports;
}

export interface BillingDeps {
  db: Db;
  clock: Clock;
  log: Logger;
  secrets: SecretBox;
  ledger: Ledger;
  accounts: AccountService;
  events: AccountEvents;
  /** Tells a top-up's requester what the reconcile job made of it. */
  outbox: Outbox;
  /** Read at each fetch, so a test can point it at a local server. */
  fxRatesUrl: () => string | undefined;
  processor?: PaymentProcessor;
}

export function buildBilling(deps: BillingDeps): Billing {
  const processor = deps.processor ?? new SimulatedProcessor(deps.db, deps.secrets);
  const methods = new PaymentMethods(deps.db);
  const invoices = new Invoices(deps.db, deps.events);
  const payments = new Payments(deps.db, processor, deps.ledger, deps.accounts, deps.events, invoices);
  const autoReload = new AutoReloads(deps.db, deps.ledger, methods, payments, deps.events);
  return {
    processor,
    methods,
    links: new PaymentLinks(deps.db, deps.clock),
    payments,
    invoices,
    autoReload,
    reconciler: new PaymentReconciler(deps.db, payments, methods, autoReload, deps.outbox, deps.log),
    fx: new FxRates(deps.db, deps.fxRatesUrl, deps.clock, deps.log),
    guard: new SpendGuard(deps.db),
    exports: new BillingExports(deps.db),
  };
}
