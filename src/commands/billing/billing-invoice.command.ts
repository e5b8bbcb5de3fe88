import { z } from "zod";
import { defineCommand } from "../../core/commands/definition.ts";
import { UserError, notFound } from "../../core/errors.ts";
import { formatMoney } from "../../core/money.ts";
import { reply, text } from "../../core/view.ts";
import { invoiceNumber, parseInvoiceNumber } from "../../billing/invoice-numbers.ts";
import { CARD_PENDING_HOURS } from "../../billing/processor/simulated-processor.ts";
import { when } from "./billing-view.ts";

export const billingInvoiceCommand = defineCommand({
  path: "billing invoice",
  description: "Download an invoice as a PDF",
  examples: ["billing invoice SB-000001"],
  args: z.object({ invoice: z.string().min(1) }),
  positional: ["invoice"],
  fields: { invoice: { label: "Invoice number", placeholder: "SB-000001" } },
  access: "payments",
  sideEffect: "read",
  needsAccount: true,
  requires: "invoices",
  async handler(ctx, { invoice: wanted }) {
    const { account } = ctx;
    const number = parseInvoiceNumber(wanted);
    const invoice = number === undefined ? undefined : await ctx.services.billing.invoices.byNumber(account.id, number);
    if (!invoice) throw notFound(`Invoice "${wanted}"`, "`billing invoices` lists them.");
    const name = invoiceNumber(invoice.number);
    if (invoice.status === "pending") {
      throw new UserError("invoice_not_ready", `Invoice ${name} is not ready yet: card payments are pending for up to ${CARD_PENDING_HOURS} hours.`, {
        hint: `It can be downloaded from ${invoice.readyAt ? when(invoice.readyAt) : "when the payment settles"}; an "invoice ready" event is posted then.`,
      });
    }
    const kind = invoice.status === "proforma" ? "Pro-forma invoice" : "Invoice";
    return reply([text(`${kind} ${name}: ${formatMoney(invoice.amount.toString())}, ${invoice.companyName}.`)], {
      files: [{ name: `${invoice.status === "proforma" ? "proforma" : "invoice"}-${name}.pdf`, mimeType: "application/pdf", content: await ctx.services.billing.invoices.pdf(invoice), title: `${kind} ${name}` }],
    });
  },
});
