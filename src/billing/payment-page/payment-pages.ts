// The payment page on Switchboard's HTTP server. The link's token travels in the query
// string and then in the form body, never in the path, so request logs never hold it.
// It is single use, which also makes the form safe against cross-site submissions.
import { rawBody, type FastifyReply, type HttpServer } from "../../platform/http-server.ts";
import type { Services } from "../../services.ts";
import { offsetClock } from "../../core/clock.ts";
import type { LinkRecord } from "../payment-links.ts";
import { parsePaymentForm, type EchoValues } from "./payment-form.ts";
import { renderGone, renderPaymentForm, renderSaved } from "./payment-page-html.ts";
import { PAY_PATH } from "./paths.ts";

export { PAY_PATH };

export const paymentLinkUrl = (publicUrl: string, token: string) => `${publicUrl}${PAY_PATH}?token=${encodeURIComponent(token)}`;

// The form is a few short fields; anything larger is refused while it streams (413).
const FORM_LIMIT = 20_000;

export function mountPaymentPages(server: HttpServer, services: Services): void {
  server.route({
    method: "GET",
    url: PAY_PATH,
    handler: async (request, res) => {
      const token = tokenOf(request.query);
      const link = await services.billing.links.open(token);
      if (!link) return send(res, 410, renderGone());
      send(res, 200, renderPaymentForm({ ...(await viewBase(services, link, token)) }));
    },
  });
  server.route({ method: "POST", url: PAY_PATH, bodyLimit: FORM_LIMIT, handler: async (request, res) => {
    const requestId = request.id;
    if (request.headers["sec-fetch-site"] === "cross-site") return send(res, 403, renderGone("This form can only be sent from its own page."));
    if (!request.headers["content-type"]?.startsWith("application/x-www-form-urlencoded")) return send(res, 415, renderGone("This form can only be sent from its own page."));
    const form = new URLSearchParams(rawBody(request).toString("utf8"));
    const token = form.get("token") ?? "";
    const link = await services.billing.links.open(token);
    if (!link) return send(res, 410, renderGone());
    const base = await viewBase(services, link, token);
    const parsed = parsePaymentForm(form);
    if (!parsed.ok) return send(res, 422, renderPaymentForm({ ...base, echo: parsed.echo, errors: parsed.errors }));
    // One submission at a time per link: a double submit finds it taken.
    if (!(await services.billing.links.claim(link.id))) return send(res, 410, renderGone());

    const at = await accountNow(services, link.accountId);
    const refuse = async (status: number, banner: string, echo: EchoValues) => {
      if (!(await services.billing.links.release(link.id))) return send(res, 410, renderGone("Too many refused attempts: this link no longer works."));
      send(res, status, renderPaymentForm({ ...base, echo, banner }));
    };
    const vault = await services.billing.processor.vault(parsed.details, parsed.address, at);
    if (!vault.ok) return refuse(402, `${vault.reason} Nothing was saved.`, parsed.echo);
    const added = await services.billing.methods.add({
      accountId: link.accountId,
      processor: services.billing.processor.name,
      vaulted: vault.method,
      address: parsed.address,
      addedBy: link.requestedBy,
      at,
    });
    if (!added.ok) {
      await services.billing.processor.forget(vault.method.token);
      const banner =
        added.reason === "already_here"
          ? `${vault.method.label} is already a payment method of ${base.companyName}.`
          : `${vault.method.label} is already used by another Switchboard account: a card or PayPal account can belong to one account only.`;
      return refuse(409, banner, parsed.echo);
    }
    await services.billing.links.complete(link.id, added.method.id);
    await services.audit.record({
      requestId,
      accountId: link.accountId,
      actor: link.requestedBy,
      origin: "web:payment-page",
      command: "billing methods add",
      args: { method: added.method.label },
      outcome: "ok",
      at,
    });
    services.log.info({ requestId, accountId: link.accountId, method: added.method.id, brand: added.method.brand }, "payment method added");
    send(res, 201, renderSaved(base.companyName, added.method.label));
  } });
}

/** The link token from the query: one plain string, whatever else the URL carries. */
const tokenOf = (query: unknown): string => {
  const token = (query as Record<string, unknown> | undefined)?.token;
  return typeof token === "string" ? token.slice(0, 200) : "";
};

async function viewBase(services: Services, link: LinkRecord, token: string) {
  const { companyName } = await services.db.account.findUniqueOrThrow({ where: { id: link.accountId }, select: { companyName: true } });
  return { token, companyName, expiresAt: link.expiresAt, showTestCards: services.billing.processor.name === "simulated" };
}

/** The account's own time (sandbox accounts may run ahead): card expiry is checked against it. */
async function accountNow(services: Services, accountId: string): Promise<Date> {
  const { clockOffsetMs } = await services.db.account.findUniqueOrThrow({ where: { id: accountId }, select: { clockOffsetMs: true } });
  return offsetClock(services.clock, Number(clockOffsetMs)).now();
}

function send(res: FastifyReply, status: number, html: string): void {
  void res.code(status).headers({
    "content-type": "text/html; charset=utf-8",
    "cache-control": "no-store",
    "referrer-policy": "no-referrer",
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "content-security-policy": "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
  }).send(html);
}
