// One invoice per payment, printed with the account's company name. Bank transfers get a
// pro-forma invoice at once and the final one when the money arrives; PayPal is final at
// once; a card payment is final after its pending period and cannot be downloaded before.
import type { Db } from "../data/database.ts";
import type { Decimal } from "../core/money.ts";
import type { AccountEvents } from "../accounts/account-events.ts";
import { formatMoney } from "../core/money.ts";
import { newId } from "../core/ids.ts";
import { invoiceNumber } from "./invoice-numbers.ts";
import { invoicePdf } from "./invoice-document.ts";

export type InvoiceStatus = "proforma" | "pending" | "final";

export const invoiceSelect = {
  id: true,
  number: true,
  accountId: true,
  paymentId: true,
  status: true,
  companyName: true,
  amount: true,
  methodLabel: true,
  createdAt: true,
  readyAt: true,
  finalisedAt: true,
} as const;

export interface InvoiceRecord {
  id: string;
  number: number;
  accountId: string;
  paymentId: string;
  status: string;
  companyName: string;
  amount: { toString(): string };
  methodLabel: string;
  createdAt: Date;
  readyAt: Date | null;
  finalisedAt: Date | null;
}

export const INVOICES_PER_PAGE = 10;

export interface OpenInvoice {
  accountId: string;
  paymentId: string;
  amount: Decimal;
  methodLabel: string;
  status: Exclude<InvoiceStatus, "final">;
  readyAt: Date;
  at: Date;
}

export class Invoices {
  constructor(
    private readonly db: Db,
    private readonly events: AccountEvents,
  ) {}

  async open(input: OpenInvoice): Promise<void> {
    await this.openMany([input]);
  }

  /**
   * Opens an invoice for each payment, with its account's company name, in one statement.
   * One invoice per payment: a second caller for the same payment finds it made.
   */
  async openMany(inputs: readonly OpenInvoice[]): Promise<void> {
    if (inputs.length === 0) return;
    const rows = inputs.map((i, n) => ({
      n,
      id: newId("inv"),
      accountId: i.accountId,
      paymentId: i.paymentId,
      status: i.status,
      amount: i.amount.toString(),
      methodLabel: i.methodLabel,
      createdAt: i.at.toISOString(),
      readyAt: i.readyAt.toISOString(),
    }));
    await this.db.$executeRawUnsafe(
      `INSERT INTO "Invoice" (id, "accountId", "paymentId", status, "companyName", amount, "methodLabel", "createdAt", "readyAt")
       SELECT v.id, v."accountId", v."paymentId", v.status, a."companyName", v.amount, v."methodLabel", v."createdAt", v."readyAt"
         FROM jsonb_to_recordset($1::jsonb)
              AS v(n int, id text, "accountId" text, "paymentId" text, status text, amount numeric, "methodLabel" text, "createdAt" timestamp, "readyAt" timestamp)
         JOIN "Account" a ON a.id = v."accountId"
        ORDER BY v.n
       ON CONFLICT ("paymentId") DO NOTHING`,
      JSON.stringify(rows),
    );
  }

  /** Makes the payment's invoice final (once), with the company name as it is now. */
  async finalise(paymentId: string, at: Date): Promise<void> {
    const invoice = await this.db.invoice.findUnique({ where: { paymentId }, select: { id: true, accountId: true } });
    if (!invoice) return;
    const { companyName } = await this.db.account.findUniqueOrThrow({ where: { id: invoice.accountId }, select: { companyName: true } });
    const { count } = await this.db.invoice.updateMany({
      where: { id: invoice.id, status: { not: "final" } },
      data: { status: "final", finalisedAt: at, readyAt: at, companyName },
    });
    if (count === 0) return;
    const final = await this.db.invoice.findUniqueOrThrow({ where: { id: invoice.id }, select: invoiceSelect });
    const number = invoiceNumber(final.number);
    await this.events.emit({
      accountId: final.accountId,
      type: "invoice.ready",
      summary: `Invoice ${number} for ${formatMoney(final.amount.toString())} is ready: \`billing invoice ${number}\`.`,
      data: { invoice: number, paymentId },
      at,
    });
  }

  async page(accountId: string, page: number): Promise<{ invoices: InvoiceRecord[]; pageCount: number }> {
    const total = await this.db.invoice.count({ where: { accountId } });
    const invoices = await this.db.invoice.findMany({
      where: { accountId },
      orderBy: { number: "desc" },
      skip: (page - 1) * INVOICES_PER_PAGE,
      take: INVOICES_PER_PAGE,
      select: invoiceSelect,
    });
    return { invoices, pageCount: Math.max(1, Math.ceil(total / INVOICES_PER_PAGE)) };
  }

  async byNumber(accountId: string, number: number): Promise<InvoiceRecord | undefined> {
    const invoice = await this.db.invoice.findFirst({ where: { accountId, number }, select: invoiceSelect });
    return invoice ?? undefined;
  }

  /** The number, status and readiness of the invoice a payment opened, if it opened one. */
  async ofPayment(paymentId: string): Promise<{ number: number; status: string; readyAt: Date | null } | undefined> {
    const invoice = await this.db.invoice.findUnique({ where: { paymentId }, select: { number: true, status: true, readyAt: true } });
    return invoice ?? undefined;
  }

  /** The invoice as a PDF document. */
  pdf(invoice: InvoiceRecord): Promise<Buffer> {
    return invoicePdf(this.db, invoice);
  }
}
