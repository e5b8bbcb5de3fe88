// Form modals: a submission is dispatched as typed; the dispatcher alone validates. If it
// answers within the budget the modal can still change: its objections beside the fields
// they concern, another form, or the same form with the problem above the values the user
// typed. Otherwise the modal closes and the answer goes to the channel.
import type { AllMiddlewareArgs, App, SlackViewMiddlewareArgs, ViewSubmitAction } from "@slack/bolt";
import type { DispatchResult } from "../../src/core/commands/dispatcher.ts";
import { FORM_CALLBACK_ID, decodeFormMetadata, type FormMetadata } from "./slack-ids.ts";
import { errorsBesideFields, readSubmittedFields, valuesOf, type SubmittedField } from "./slack-form-values.ts";
import { invocationFor } from "./slack-invocation.ts";
import { renderFormModal, renderResultModal, reopenFormModal, type SubmittedModal } from "./slack-modal-renderer.ts";
import { sendReply } from "./slack-reply-sender.ts";
import { changedSomething, logFailure, requestIdOf, type ListenerDeps } from "./slack-listener-kit.ts";
import { answerWithin } from "../shared/deadline.ts";

type ViewArgs = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;
type ViewAck = Parameters<ViewArgs["ack"]>[0];

export function registerViews(app: App, deps: ListenerDeps): void {
  app.view<ViewSubmitAction>(FORM_CALLBACK_ID, (args) => deps.work.track(handleSubmission(args, deps)));
}

async function handleSubmission({ ack, body, view, client, context }: ViewArgs, deps: ListenerDeps): Promise<void> {
  const requestId = requestIdOf(context);
  let acked = false;
  const ackOnce = async (response?: ViewAck) => {
    if (acked) return;
    acked = true;
    await ack(response);
  };
  try {
    const meta = decodeFormMetadata(view.private_metadata);
    const teamId = body.team?.id ?? context.teamId;
    if (!meta || !teamId) return;
    // Bolt's type for the view leaves out what an input block carries; the payload has it.
    const submitted = view as unknown as SubmittedModal;
    const fields = readSubmittedFields(submitted);
    const userId = body.user.id;
    const channelId = meta.channelId;
    const invocation = invocationFor({ teamId, userId, userName: body.user.name, channelId, requestKey: body.trigger_id, requestId });
    const running = deps.host.dispatch(invocation, { kind: "action", ref: meta.ref, values: valuesOf(fields) });
    const toChannel = (result: DispatchResult) => sendReply({ client, teamId, userId, channelId, requestId, log: deps.log }, result.reply);
    const result = await answerWithin(running, deps.ackBudgetMs, {
      async now(early) {
        const inModal = modalAnswer(early, meta, fields, submitted);
        if (inModal) return ackOnce(inModal);
        await ackOnce();
        await toChannel(early);
      },
      defer: () => ackOnce(),
      later: toChannel,
    });
    // After the answer, never before it; the refresh runs in the background.
    if (changedSomething(result)) deps.home.changed(client, teamId, userId, requestId);
  } catch (error) {
    logFailure(deps, requestId, "form submission failed", error);
  } finally {
    await ackOnce().catch(() => {});
  }
}

/** How the open modal shows an answer that came in time; undefined when it goes to the channel instead. */
function modalAnswer(result: DispatchResult, meta: FormMetadata, fields: SubmittedField[], view: SubmittedModal): ViewAck | undefined {
  const { reply } = result;
  const channelId = meta.channelId;
  if (reply.form) {
    const errors = errorsBesideFields(reply.form, meta.command, fields);
    if (errors) return { response_action: "errors", errors };
    return { response_action: "update", view: renderFormModal(reply.form, { channelId }) };
  }
  if (result.outcome === "user-error" && reply.message) return { response_action: "update", view: reopenFormModal(view, reply.message) };
  // Opened from App Home: there is no channel to answer in, so the modal shows the answer.
  if (!channelId && reply.message && !reply.files?.length) return { response_action: "update", view: renderResultModal(reply.message) };
  return undefined;
}
