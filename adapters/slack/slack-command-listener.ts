// The slash command: `/switchboard <command line>`, handed to the dispatcher as typed.
// A quick answer goes back in the acknowledgement itself; work that takes longer than the
// budget is acknowledged with "Working on it…", which the result then replaces.
import type { AllMiddlewareArgs, App, RespondArguments, SlackCommandMiddlewareArgs } from "@slack/bolt";
import { invocationFor } from "./slack-invocation.ts";
import { commandText } from "./slack-command-text.ts";
import { sendReply, type ReplyTarget } from "./slack-reply-sender.ts";
import { changedSomething, failureText, logFailure, requestIdOf, responderFor, type ListenerDeps } from "./slack-listener-kit.ts";
import { answerWithin } from "../shared/deadline.ts";

type CommandArgs = SlackCommandMiddlewareArgs & AllMiddlewareArgs;

export function registerCommand(app: App, commandName: string, deps: ListenerDeps): void {
  app.command(commandName, (args) => deps.work.track(handleCommand(args, deps)));
}

async function handleCommand({ command, ack, respond: boltRespond, client, context }: CommandArgs, deps: ListenerDeps): Promise<void> {
  const requestId = requestIdOf(context);
  const respond = responderFor(deps, command.response_url) ?? boltRespond;
  const { team_id: teamId, user_id: userId, channel_id: channelId } = command;
  let acked = false;
  const ackOnce = async (body?: RespondArguments) => {
    if (acked) return;
    acked = true;
    await ack(body);
  };
  // The first page of a quick answer rides on the acknowledgement; anything after it, or
  // any answer after the ack, goes through response_url.
  const respondFirstByAck = async (message: RespondArguments) => {
    if (acked) return respond(message);
    const { replace_original: _ignored, ...body } = message;
    await ackOnce(body);
  };
  try {
    const invocation = invocationFor({ teamId, userId, userName: command.user_name, channelId, requestKey: command.trigger_id, requestId });
    const running = deps.host.dispatch(invocation, { kind: "text", text: commandText(command.text ?? "", teamId) });
    const target = (replaceOriginal: boolean): ReplyTarget => ({
      client,
      teamId,
      userId,
      channelId,
      respond: respondFirstByAck,
      replaceOriginal,
      triggerId: command.trigger_id,
      requestId,
      log: deps.log,
    });
    const result = await answerWithin(running, deps.ackBudgetMs, {
      async now(early) {
        // A message rides on the ack; a form opens a modal, so the ack itself stays empty.
        if (early.reply.form || !early.reply.message) await ackOnce();
        await sendReply(target(false), early.reply);
      },
      defer: () => ackOnce({ response_type: "ephemeral", text: ":hourglass_flowing_sand: Working on it…" }),
      later: (late) => sendReply(target(true), late.reply),
    });
    // After the answer, never before it; the refresh runs in the background.
    if (changedSomething(result)) deps.home.changed(client, teamId, userId, requestId);
  } catch (error) {
    logFailure(deps, requestId, "slash command failed", error);
    await respondFirstByAck({ response_type: "ephemeral", text: failureText(requestId) }).catch(() => {});
  } finally {
    await ackOnce().catch(() => {});
  }
}
