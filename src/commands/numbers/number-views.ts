// How numbers read in replies: one line per number, and buttons in rows of five (Discord's
// limit per row; Slack takes them as they come).
import type { Block, Button } from "../../core/view.ts";
import { buttons } from "../../core/view.ts";
import { formatMoney } from "../../core/money.ts";
import { COUNTRIES } from "../../core/suggest/countries.ts";
import type { AvailableNumber, NumberConfig, OwnedNumber } from "../../providers/number-provider.ts";
import { formatMsisdn } from "../../numbers/msisdn.ts";
import { formatDay } from "../../numbers/renewal-dates.ts";

export const countryName = (code: string): string => COUNTRIES[code] ?? code;

export function numberLine(number: AvailableNumber): string {
  return `*${formatMsisdn(number.msisdn)}*  ${number.type} · ${number.features.join(", ")} · ${number.monthlyPrice.isNaN() ? "price billed by Vonage" : `${formatMoney(number.monthlyPrice)}/month`}`;
}

export function ownedLine(number: OwnedNumber): string {
  const renewal = number.nextRenewalAt ? ` · renews ${formatDay(number.nextRenewalAt)}` : "";
  return `${numberLine(number)} · ${number.country}${renewal}\n${configLine(number.config)}`;
}

export function configLine(config: NumberConfig): string {
  const parts = [
    config.smsWebhookUrl && `inbound SMS → ${config.smsWebhookUrl}`,
    config.applicationId && `voice → application ${config.applicationId}`,
    config.voiceAnswerUrl && `voice answer → ${config.voiceAnswerUrl}`,
    config.voiceEventUrl && `voice events → ${config.voiceEventUrl}`,
  ].filter(Boolean);
  return parts.length ? parts.join("; ") : "not configured";
}

export function buttonRows(items: Button[], perRow = 5): Block[] {
  const rows: Block[] = [];
  for (let i = 0; i < items.length; i += perRow) rows.push(buttons(...items.slice(i, i + perRow)));
  return rows;
}
