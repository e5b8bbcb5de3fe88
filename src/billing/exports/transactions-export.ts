// The transactions export: every ledger entry with the running balance, and every payment
// attempt (including declined ones, which never reach the ledger).
import type { Db } from "../../data/database.ts";
import { Decimal } from "../../core/money.ts";
import { invoiceNumber } from "../invoice-numbers.ts";
import { DATE_FORMAT, MONEY_FORMAT, workbookBuffer } from "./workbook.ts";

export const EXPORT_ROW_LIMIT = 100_000;

export async function transactionsWorkbook(db: Db, accountId: string, from: Date, to: Date): Promise<{ buffer: Buffer; rows: number }> {
  const before = await db.ledgerEntry.aggregate({ where: { accountId, createdAt: { lt: from } }, _sum: { amount: true } });
  let balance = new Decimal(before._sum.amount?.toString() ?? "0");
  const entries = await db.ledgerEntry.findMany({
    where: { accountId, createdAt: { gte: from, lt: to } },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    take: EXPORT_ROW_LIMIT,
    select: { createdAt: true, kind: true, description: true, amount: true, ref: true },
  });
  const ledgerRows = entries.map((entry) => {
    balance = balance.plus(entry.amount.toString());
    return { at: entry.createdAt, kind: entry.kind, description: entry.description, amount: Number(entry.amount), balance: balance.toNumber(), ref: entry.ref };
  });
  const payments = await db.payment.findMany({
    where: { accountId, createdAt: { gte: from, lt: to } },
    orderBy: { createdAt: "asc" },
    take: EXPORT_ROW_LIMIT,
    select: { id: true, createdAt: true, origin: true, methodId: true, amount: true, status: true, failureReason: true, settledAt: true },
  });
  const labels = new Map(
    (await db.paymentMethod.findMany({ where: { accountId }, select: { id: true, label: true } })).map((m) => [m.id, m.label]),
  );
  const invoices = new Map(
    (await db.invoice.findMany({ where: { paymentId: { in: payments.map((p) => p.id) } }, select: { paymentId: true, number: true, status: true } })).map((i) => [i.paymentId, i]),
  );
  const paymentRows = payments.map((p) => {
    const invoice = invoices.get(p.id);
    return {
      at: p.createdAt,
      id: p.id,
      origin: p.origin === "autoreload" ? "auto-reload" : "top-up",
      method: labels.get(p.methodId) ?? "",
      amount: Number(p.amount),
      status: p.status === "failed" ? `failed: ${p.failureReason ?? ""}` : p.status,
      invoice: invoice ? `${invoiceNumber(invoice.number)} (${invoice.status})` : "",
      settledAt: p.settledAt ?? "",
    };
  });
  const buffer = await workbookBuffer([
    {
      name: "Transactions",
      columns: [
        { header: "Date (UTC)", key: "at", width: 18, numFmt: DATE_FORMAT },
        { header: "Type", key: "kind", width: 12 },
        { header: "Description", key: "description", width: 44 },
        { header: "Amount (EUR)", key: "amount", width: 14, numFmt: MONEY_FORMAT },
        { header: "Balance (EUR)", key: "balance", width: 14, numFmt: MONEY_FORMAT },
        { header: "Reference", key: "ref", width: 34 },
      ],
      rows: ledgerRows,
    },
    {
      name: "Payments",
      columns: [
        { header: "Date (UTC)", key: "at", width: 18, numFmt: DATE_FORMAT },
        { header: "Payment", key: "id", width: 26 },
        { header: "Origin", key: "origin", width: 12 },
        { header: "Method", key: "method", width: 24 },
        { header: "Amount (EUR)", key: "amount", width: 14, numFmt: MONEY_FORMAT },
        { header: "Status", key: "status", width: 36 },
        { header: "Invoice", key: "invoice", width: 22 },
        { header: "Settled (UTC)", key: "settledAt", width: 18, numFmt: DATE_FORMAT },
      ],
      rows: paymentRows,
    },
  ]);
  return { buffer, rows: ledgerRows.length };
}
