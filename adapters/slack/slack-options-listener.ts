// Typeahead for form fields (external selects): Slack asks while the user types, and the
// dispatcher answers from the field's live source, as the requester is allowed to see it.
import type { AllMiddlewareArgs, App, SlackOptionsMiddlewareArgs } from "@slack/bolt";
import { FIELD_ACTION_ID, decodeFormMetadata, fieldNameOf } from "./slack-ids.ts";
import { invocationFor } from "./slack-invocation.ts";
import { toSlackOptions } from "./slack-renderer.ts";
import { logFailure, requestIdOf, type ListenerDeps } from "./slack-listener-kit.ts";
import { within } from "../shared/deadline.ts";

type OptionsArgs = SlackOptionsMiddlewareArgs<"block_suggestion"> & AllMiddlewareArgs;

export function registerOptions(app: App, deps: ListenerDeps): void {
  app.options<"block_suggestion">({ action_id: FIELD_ACTION_ID }, (args) => deps.work.track(handleSuggestion(args as OptionsArgs, deps)));
}

async function handleSuggestion({ ack, body, context }: OptionsArgs, deps: ListenerDeps): Promise<void> {
  const requestId = requestIdOf(context);
  const meta = decodeFormMetadata(body.view?.private_metadata);
  const argName = fieldNameOf(body.block_id);
  const teamId = body.team?.id ?? context.teamId;
  if (!meta || !argName || !teamId) return ack({ options: [] });
  try {
    const invocation = invocationFor({ teamId, userId: body.user.id, channelId: meta.channelId, requestId });
    // Suggestions that arrive after Slack stopped waiting are useless: answer empty instead.
    const found = (await within(deps.host.suggest(invocation, meta.command, argName, body.value ?? ""), deps.ackBudgetMs))?.value ?? [];
    await ack({ options: toSlackOptions(found).options });
  } catch (error) {
    logFailure(deps, requestId, "typeahead failed", error);
    await ack({ options: [] });
  }
}
