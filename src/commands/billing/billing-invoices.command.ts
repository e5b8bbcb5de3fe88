import { z } from "zod";
import { defineCommand } from "../../core/commands/definition.ts";
import { formatMoney } from "../../core/money.ts";
import { buttons, fields, header, reply, text } from "../../core/view.ts";
import type { Block, Button } from "../../core/view.ts";
import { invoiceNumber } from "../../billing/invoice-numbers.ts";
import type { InvoiceRecord } from "../../billing/invoices.ts";
import { when } from "./billing-view.ts";

function statusOf(invoice: InvoiceRecord): string {
  if (invoice.status === "final") return "final";
  if (invoice.status === "proforma") return "pro-forma (final when the bank transfer arrives)";
  return `pending: ready on ${invoice.readyAt ? when(invoice.readyAt) : "settlement"}`;
}

export const billingInvoicesCommand = defineCommand({
  path: "billing invoices",
  description: "List the invoices: one per payment",
  examples: ["billing invoices", "billing invoices 2"],
  args: z.object({ page: z.coerce.number().int().min(1).optional() }),
  positional: ["page"],
  access: "payments",
  sideEffect: "read",
  needsAccount: true,
  requires: "invoices",
  async handler(ctx, { page = 1 }) {
    const { account } = ctx;
    const { invoices, pageCount } = await ctx.services.billing.invoices.page(account.id, page);
    if (invoices.length === 0) {
      return reply([header("Invoices"), text(page === 1 ? "No invoices yet: each payment gets one. Top up with `billing topup <amount>`." : `There is no page ${page}.`)]);
    }
    const blocks: Block[] = [
      header(`Invoices of ${account.companyName}`),
      fields(
        invoices.map((i) => ({
          label: `${invoiceNumber(i.number)} · ${when(i.createdAt)}`,
          value: `${formatMoney(i.amount.toString())} from ${i.methodLabel}: ${statusOf(i)}`,
        })),
      ),
    ];
    const downloads = invoices
      .filter((i) => i.status !== "pending")
      .map((i): Button => ({ label: `Download ${invoiceNumber(i.number)}`, action: { command: "billing invoice", args: { invoice: invoiceNumber(i.number) } } }));
    if (downloads.length) blocks.push(buttons(...downloads));
    return reply(blocks, {
      pagination: {
        page,
        pageCount,
        previous: page > 1 ? { command: "billing invoices", args: { page: String(page - 1) } } : undefined,
        next: page < pageCount ? { command: "billing invoices", args: { page: String(page + 1) } } : undefined,
      },
    });
  },
});
