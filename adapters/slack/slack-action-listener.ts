// Buttons and menus: the action id carries the dispatcher's stored reference, so a click
// is dispatched as { kind: "action", ref } and a menu choice adds { [argName]: value }.
// The click is acknowledged at once; the answer replaces an ephemeral message it came
// from, goes next to a public one, or (App Home, modals) shows in a modal.
import type { AllMiddlewareArgs, App, BlockAction, SlackActionMiddlewareArgs } from "@slack/bolt";
import { ACTION_PREFIX, decodeActionId } from "./slack-ids.ts";
import { invocationFor } from "./slack-invocation.ts";
import { sendReply } from "./slack-reply-sender.ts";
import { changedSomething, failureText, logFailure, requestIdOf, responderFor, type ListenerDeps } from "./slack-listener-kit.ts";

type ActionArgs = SlackActionMiddlewareArgs<BlockAction> & AllMiddlewareArgs;

export function registerActions(app: App, deps: ListenerDeps): void {
  app.action<BlockAction>(new RegExp(`^${ACTION_PREFIX}`), (args) => deps.work.track(handleAction(args, deps)));
}

async function handleAction({ action, body, ack, respond: boltRespond, client, context }: ActionArgs, deps: ListenerDeps): Promise<void> {
  await ack();
  const respond = responderFor(deps, body.response_url) ?? boltRespond;
  const requestId = requestIdOf(context);
  const decoded = decodeActionId(action.action_id);
  const teamId = body.team?.id ?? context.teamId;
  if (!decoded || !teamId) return;
  try {
    const values = decoded.kind === "select" && action.type === "static_select" ? { [decoded.argName]: action.selected_option?.value } : undefined;
    const userId = body.user.id;
    const channelId = body.channel?.id;
    const invocation = invocationFor({ teamId, userId, userName: body.user.name ?? body.user.username, channelId, requestKey: body.trigger_id, requestId });
    const result = await deps.host.dispatch(invocation, { kind: "action", ref: decoded.ref, values });
    const inMessage = body.container?.type === "message" && Boolean(body.response_url);
    await sendReply(
      {
        client,
        teamId,
        userId,
        channelId,
        respond: inMessage ? respond : undefined,
        // Replacing a public message would change it for everyone; an ephemeral one is the clicker's own.
        replaceOriginal: body.container?.is_ephemeral === true && result.reply.visibility === "ephemeral",
        triggerId: body.trigger_id,
        viewId: body.container?.type === "view" && body.view?.type === "modal" ? body.view.id : undefined,
        requestId,
        log: deps.log,
      },
      result.reply,
    );
    // After the answer, never before it; the refresh runs in the background.
    if (changedSomething(result)) deps.home.changed(client, teamId, userId, requestId);
  } catch (error) {
    logFailure(deps, requestId, "button or menu action failed", error);
    if (body.response_url) await respond({ response_type: "ephemeral", replace_original: false, text: failureText(requestId) }).catch(() => {});
  }
}
