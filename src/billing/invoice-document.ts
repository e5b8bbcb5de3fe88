// Gathers what an invoice prints (the account's details and the payment's billing
// address) and renders it. Invoices are rendered on request from their rows.
import type { Db } from "../data/database.ts";
import { COUNTRIES } from "../core/suggest/countries.ts";
import type { InvoiceRecord } from "./invoices.ts";
import { renderInvoicePdf } from "./invoice-pdf.ts";

interface StoredAddress {
  line1?: string;
  line2?: string;
  city?: string;
  postalCode?: string;
  country?: string;
}

export async function invoicePdf(db: Db, invoice: InvoiceRecord): Promise<Buffer> {
  const account = await db.account.findUniqueOrThrow({ where: { id: invoice.accountId }, select: { contactName: true, email: true, vatNumber: true } });
  const payment = await db.payment.findUniqueOrThrow({ where: { id: invoice.paymentId }, select: { methodId: true } });
  const method = await db.paymentMethod.findUnique({ where: { id: payment.methodId }, select: { billingName: true, billingAddress: true } });
  const address = (method?.billingAddress ?? {}) as StoredAddress;
  const lines = [address.line1, address.line2, [address.postalCode, address.city].filter(Boolean).join(" "), address.country ? (COUNTRIES[address.country] ?? address.country) : undefined];
  return renderInvoicePdf(invoice, {
    companyName: invoice.companyName,
    contactName: account.contactName,
    email: account.email,
    vatNumber: account.vatNumber,
    billingName: method?.billingName ?? account.contactName,
    billingAddress: lines.filter((line): line is string => Boolean(line)),
  });
}
