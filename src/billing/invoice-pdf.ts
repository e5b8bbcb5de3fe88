// The invoice as a PDF (pdfkit, built-in Helvetica: no font files to ship). pdfkit is
// loaded on first use, so start-up does not pay for it.
import dayjs from "dayjs";
import utc from "dayjs/plugin/utc.js";
import { formatMoney } from "../core/money.ts";
import { invoiceNumber } from "./invoice-numbers.ts";
import type { InvoiceRecord } from "./invoices.ts";

dayjs.extend(utc);

export interface InvoiceParty {
  companyName: string;
  contactName: string;
  email: string;
  vatNumber: string | null;
  billingName: string;
  billingAddress: string[];
}

const day = (date: Date) => dayjs.utc(date).format("D MMMM YYYY");

export async function renderInvoicePdf(invoice: InvoiceRecord, party: InvoiceParty): Promise<Buffer> {
  const { default: PDFDocument } = await import("pdfkit");
  const doc = new PDFDocument({ size: "A4", margin: 56, info: { Title: `Invoice ${invoiceNumber(invoice.number)}`, Author: "Switchboard" } });
  const chunks: Buffer[] = [];
  doc.on("data", (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve) => doc.on("end", () => resolve(Buffer.concat(chunks))));

  const proforma = invoice.status === "proforma";
  doc.font("Helvetica-Bold").fontSize(20).text(proforma ? "Pro-forma invoice" : "Invoice");
  doc.font("Helvetica").fontSize(10).moveDown(0.5);
  doc.text(`Number: ${invoiceNumber(invoice.number)}`);
  doc.text(`Date: ${day(invoice.finalisedAt ?? invoice.createdAt)}`);
  if (proforma) doc.text("Not a tax invoice: the final invoice follows when the bank transfer arrives.");
  doc.moveDown();

  doc.font("Helvetica-Bold").text("Billed to");
  doc.font("Helvetica").text(invoice.companyName);
  doc.text(`Attn. ${party.billingName || party.contactName}`);
  for (const line of party.billingAddress) doc.text(line);
  doc.text(party.email);
  if (party.vatNumber) doc.text(`VAT number: ${party.vatNumber}`);
  doc.moveDown();

  doc.font("Helvetica-Bold").text("From");
  doc.font("Helvetica").text("Switchboard account platform (sandbox)");
  doc.moveDown();

  doc.font("Helvetica-Bold").text("Description", { continued: true }).text("Amount (EUR)", { align: "right" });
  doc.font("Helvetica").text("Account credit top-up", { continued: true }).text(formatMoney(invoice.amount.toString()), { align: "right" });
  doc.moveDown(0.5);
  doc.font("Helvetica-Bold").text("Total", { continued: true }).text(formatMoney(invoice.amount.toString()), { align: "right" });
  doc.font("Helvetica").moveDown();
  doc.text(`Paid with: ${invoice.methodLabel}`);
  if (proforma) doc.text(`Pay by bank transfer quoting ${invoiceNumber(invoice.number)}. Banks take 1 to 3 working days.`);
  doc.end();
  return done;
}
