// Form modals: a submission is checked field by field first (errors appear beside the
// field, nothing runs); a valid one is dispatched. If the core answers within the budget
// the modal can still change: another form, or the same form with the problem above the
// values the user typed. Otherwise the modal closes and the answer goes to the channel.
import type { AllMiddlewareArgs, App, SlackViewMiddlewareArgs, ViewSubmitAction } from "@slack/bolt";
import type { Form } from "../../src/core/view.ts";
import type { CommandDefinition } from "../../src/core/commands/definition.ts";
import { argInfo, formFieldFor } from "../../src/core/commands/arg-fields.ts";
import { FORM_CALLBACK_ID, decodeFormMetadata, type FormMetadata } from "./slack-ids.ts";
import { fieldErrors, readSubmittedFields, valuesOf, type SubmittedField, type SubmittedView } from "./slack-form-values.ts";
import { invocationFor } from "./slack-invocation.ts";
import { renderFormModal, renderResultModal } from "./slack-modal-renderer.ts";
import { sendReply } from "./slack-reply-sender.ts";
import { changedSomething, logFailure, requestIdOf, within, type ListenerDeps } from "./slack-listener-kit.ts";

type ViewArgs = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;

export function registerViews(app: App, deps: ListenerDeps): void {
  app.view<ViewSubmitAction>(FORM_CALLBACK_ID, (args) => deps.work.track(handleSubmission(args, deps)));
}

async function handleSubmission({ ack, body, view, client, context }: ViewArgs, deps: ListenerDeps): Promise<void> {
  const requestId = requestIdOf(context);
  let acked = false;
  const ackOnce = async (response?: Parameters<ViewArgs["ack"]>[0]) => {
    if (acked) return;
    acked = true;
    await ack(response);
  };
  try {
    const meta = decodeFormMetadata(view.private_metadata);
    const teamId = body.team?.id ?? context.teamId;
    if (!meta || !teamId) return;
    const fields = readSubmittedFields(view as unknown as SubmittedView);
    const definition = deps.services.registry.get(meta.command);
    const errors = fieldErrors(fields, definition);
    if (Object.keys(errors).length > 0) return await ackOnce({ response_action: "errors", errors });

    const userId = body.user.id;
    const invocation = invocationFor({ teamId, userId, userName: body.user.name, channelId: meta.channelId, requestKey: body.trigger_id, requestId });
    const running = deps.dispatcher.dispatch(invocation, { kind: "action", ref: meta.ref, values: valuesOf(fields) });
    const early = await within(running, deps.ackBudgetMs);
    const channelId = meta.channelId;
    if (early?.reply.form) {
      await ackOnce({ response_action: "update", view: renderFormModal(early.reply.form, { channelId }) });
    } else if (early?.outcome === "user-error" && early.reply.message) {
      const again = rebuildForm(view.title.text, view.submit?.text, meta, fields, definition);
      await ackOnce({ response_action: "update", view: renderFormModal(again, { channelId, notice: early.reply.message }) });
    } else if (early && !channelId && early.reply.message && !early.reply.files?.length) {
      // Opened from App Home: there is no channel to answer in, so the modal shows the answer.
      await ackOnce({ response_action: "update", view: renderResultModal(early.reply.message) });
    } else {
      await ackOnce();
      await sendReply({ client, teamId, userId, channelId, requestId, log: deps.log }, (early ?? (await running)).reply);
    }
    const result = early ?? (await running);
    if (changedSomething(deps, result)) await deps.refreshHome(client, teamId, userId, requestId);
  } catch (error) {
    logFailure(deps, requestId, "form submission failed", error);
  } finally {
    await ackOnce().catch(() => {});
  }
}

/** The submitted form again, with what the user typed, to show beside the core's objection. */
function rebuildForm(title: string, submit: string | undefined, meta: FormMetadata, fields: SubmittedField[], definition?: CommandDefinition): Form {
  const infos = definition ? argInfo(definition) : [];
  return {
    title,
    submitLabel: submit ?? "Submit",
    command: meta.command,
    fixedArgs: {},
    ref: meta.ref,
    fields: fields.map((field) => {
      const info = infos.find((i) => i.name === field.name);
      return definition && info
        ? formFieldFor(definition, info, field.value)
        : { name: field.name, label: field.name, kind: "text" as const, required: !field.optional, initial: field.value };
    }),
  };
}
