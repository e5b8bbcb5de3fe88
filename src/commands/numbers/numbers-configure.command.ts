import { z } from "zod";
import { defineCommand } from "../../core/commands/definition.ts";
import type { CommandContext } from "../../core/commands/context.ts";
import { argInfo, formFieldFor } from "../../core/commands/arg-fields.ts";
import { UserError } from "../../core/errors.ts";
import { fields, reply, text, type Reply } from "../../core/view.ts";
import type { AccountRecord } from "../../accounts/directory.ts";
import type { NumberConfig, OwnedNumber } from "../../providers/number-provider.ts";
import { formatMsisdn } from "../../numbers/msisdn.ts";
import { checkWebhook, DEV_MODE_HINT } from "../../numbers/webhook/webhook-check.ts";
import { configChanges, URL_KEYS, URL_LABELS } from "./config-changes.ts";
import { ownedNumber } from "./owned-number.ts";

export const numbersConfigureCommand = defineCommand({
  path: "numbers configure",
  description: "Set a number's inbound SMS webhook and voice answer/event URLs (or application)",
  examples: [
    "numbers configure +447700900123 sms:https://example.com/webhooks/inbound-sms",
    "numbers configure +447700900123 answer:https://example.com/answer event:https://example.com/event",
    "numbers configure +447700900123 application:aaaaaaaa-bbbb-cccc-dddd-0123456789ab",
  ],
  args: z.object({
    number: z.string().trim().min(1),
    sms: z.string().trim().min(1).optional(),
    answer: z.string().trim().min(1).optional(),
    event: z.string().trim().min(1).optional(),
    application: z.string().trim().min(1).optional(),
  }),
  positional: ["number"],
  fields: {
    number: { label: "Number", kind: "phone", suggest: "owned-numbers" },
    sms: { label: "Inbound SMS webhook URL", kind: "url", hint: "Must answer 2xx before it is saved. `none` clears it." },
    answer: { label: "Voice answer URL", kind: "url", hint: "Returns the call's NCCO. `none` clears it." },
    event: { label: "Voice event URL", kind: "url", hint: "Receives call events. `none` clears it." },
    application: { label: "Voice application id", hint: "Instead of the voice URLs. `none` unlinks it." },
  },
  access: "numbers",
  sideEffect: "write",
  needsAccount: true,
  async handler(ctx, args) {
    const { account, provider, owned, msisdn } = await ownedNumber(ctx, args.number);
    const { number: _number, ...given } = args;
    if (Object.values(given).every((v) => v === undefined)) return currentConfiguration(ctx, account, owned);
    const changes = configChanges(given);
    await requireLive(ctx, owned, changes);
    const updated = await provider.configure(account, msisdn, changes);
    return reply([text(`Saved the configuration of ${formatMsisdn(msisdn)}.`, "success"), configFields(updated.config)]);
  },
});

/** Every changed webhook URL must answer 2xx now; otherwise nothing is saved. */
async function requireLive(ctx: CommandContext, owned: OwnedNumber, changes: NumberConfig): Promise<void> {
  const changed = URL_KEYS.filter((key) => changes[key] && changes[key] !== owned.config[key]);
  const checks = await Promise.all(
    changed.map(async (key) => ({ key, url: changes[key]!, result: await checkWebhook(changes[key]!, { allowPrivate: ctx.services.settings.devMode }) })),
  );
  const failed = checks.filter((c) => !c.result.live);
  if (failed.length === 0) return;
  // A refused edit is the user's own typo or test URL, answered here: no account event is
  // posted for it. Events are for a saved webhook that stops answering.
  const sentences = failed.map(({ key, url, result }) => `${URL_LABELS[key]} ${url}: ${reasonOf(result)}`);
  const restricted = failed.some(({ result }) => !result.live && result.restricted);
  throw new UserError("webhook_not_live", `Nothing was saved: ${sentences.join("; ")}.`, {
    hint: restricted
      ? `Switchboard does not call private or loopback addresses from chat. ${DEV_MODE_HINT}`
      : "Switchboard saves a webhook only once it answers an HTTP GET with 2xx within a few seconds. Make sure it is live, then try again.",
  });
}

const reasonOf = (result: Awaited<ReturnType<typeof checkWebhook>>): string => (result.live ? "" : result.reason);

function currentConfiguration(ctx: CommandContext, account: AccountRecord, owned: OwnedNumber): Reply {
  const number = formatMsisdn(owned.msisdn);
  if (ctx.invocation.canShowForms) {
    const current: Record<string, string | null | undefined> = {
      sms: owned.config.smsWebhookUrl,
      answer: owned.config.voiceAnswerUrl,
      event: owned.config.voiceEventUrl,
      application: owned.config.applicationId,
    };
    const infos = argInfo(numbersConfigureCommand).filter((info) => info.name !== "number");
    return {
      visibility: "ephemeral",
      form: {
        title: `Configure ${number}`,
        submitLabel: "Save",
        command: "numbers configure",
        fixedArgs: { number, account: account.id },
        fields: infos.map((info) => formFieldFor(numbersConfigureCommand, info, current[info.name] ?? undefined)),
      },
    };
  }
  return reply([
    text(`*${number}*`),
    configFields(owned.config),
    text(`Change it with \`numbers configure ${number} sms:<url> answer:<url> event:<url>\` (or application:<id>).`, "muted"),
  ]);
}

function configFields(config: NumberConfig) {
  return fields({
    "Inbound SMS webhook": config.smsWebhookUrl ?? "not set",
    "Voice answer URL": config.voiceAnswerUrl ?? "not set",
    "Voice event URL": config.voiceEventUrl ?? "not set",
    "Voice application": config.applicationId ?? "none",
  });
}
