// Delivers a dispatcher Reply where the request came from: through the response_url when
// Slack gave one, else into the channel (ephemeral or not), else (App Home) in a modal or
// a direct message. Forms open as modals; files go to the channel only when the reply is
// public, and otherwise to the requester's direct messages, so private data stays private.
import type { RespondArguments } from "@slack/bolt";
import type { WebClient } from "@slack/web-api";
import { readyFiles, type FileOut, type Form, type Message, type Reply } from "../../src/core/view.ts";
import { text as textBlock } from "../../src/core/view.ts";
import type { Logger } from "../../src/platform/logger.ts";
import { safeError } from "../../src/core/errors.ts";
import { renderMessagePages, type SlackMessage } from "./slack-renderer.ts";
import { renderFormModal, renderResultModal } from "./slack-modal-renderer.ts";
import { openDirect } from "./slack-poster.ts";
import { slackFileUploads } from "./slack-file-uploads.ts";

export interface ReplyTarget {
  client: WebClient;
  teamId: string;
  userId: string;
  /** The conversation the request came from; absent for App Home. */
  channelId?: string;
  respond?: (message: RespondArguments) => Promise<unknown>;
  /** Replace the message the click came from (an ephemeral reply to a button). */
  replaceOriginal?: boolean;
  triggerId?: string;
  /** The modal the click came from: its content is replaced rather than a new one opened. */
  viewId?: string;
  requestId: string;
  log: Logger;
}

export async function sendReply(target: ReplyTarget, reply: Reply): Promise<void> {
  const message = withFileNotice(target, reply);
  if (reply.form) await openForm(target, reply.form);
  if (message) await sendMessage(target, message, reply.visibility);
  if (reply.files?.length) await uploadFiles(target, reply.files, reply.visibility);
}

export async function openForm(target: ReplyTarget, form: Form): Promise<void> {
  let modalFailed = false;
  if (target.viewId || target.triggerId) {
    try {
      const view = renderFormModal(form, { channelId: target.channelId });
      if (target.viewId) await target.client.views.update({ view_id: target.viewId, view });
      else await target.client.views.open({ trigger_id: target.triggerId!, view });
      return;
    } catch (error) {
      // trigger_id lives about 3 seconds and once: slow work can outlive it.
      modalFailed = true;
      target.log.warn({ requestId: target.requestId, err: safeError(error) }, "could not open the form modal");
    }
  }
  const names = form.fields.map((f) => `${f.name}:…`).join(" ");
  const why = modalFailed ? `Slack did not open the *${form.title}* form (request id ${target.requestId}). ` : `*${form.title}* needs more details. `;
  await sendMessage(target, { blocks: [textBlock(`${why}Run the command again with ${names}`)] }, "ephemeral");
}

export async function sendMessage(target: ReplyTarget, message: Message, visibility: Reply["visibility"]): Promise<void> {
  let pages = renderMessagePages(message);
  if (target.respond) {
    let sent = 0;
    try {
      for (; sent < pages.length; sent++) {
        await target.respond({
          response_type: visibility === "channel" ? "in_channel" : "ephemeral",
          replace_original: sent === 0 && Boolean(target.replaceOriginal),
          blocks: pages[sent]!.blocks,
          text: pages[sent]!.text,
        });
      }
      return;
    } catch (error) {
      // response_url kept failing (retried already): the pages not yet shown go another way.
      target.log.warn({ requestId: target.requestId, err: safeError(error) }, "could not answer through response_url; answering in the channel or a direct message");
      pages = pages.slice(sent);
    }
  }
  if (target.channelId) {
    try {
      for (const page of pages) await postInChannel(target, target.channelId, page, visibility);
      return;
    } catch (error) {
      // The app may not be in that channel (a private one): the requester still gets the answer.
      target.log.warn({ requestId: target.requestId, err: safeError(error) }, "could not answer in the channel; answering in a direct message");
    }
  } else if (target.viewId || target.triggerId) {
    try {
      const view = renderResultModal(message);
      if (target.viewId) await target.client.views.update({ view_id: target.viewId, view });
      else await target.client.views.open({ trigger_id: target.triggerId!, view });
      return;
    } catch (error) {
      target.log.warn({ requestId: target.requestId, err: safeError(error) }, "could not show the reply in a modal; answering in a direct message");
    }
  }
  const direct = await openDirect(target.client, target.userId);
  for (const page of pages) await target.client.chat.postMessage({ channel: direct, blocks: page.blocks, text: page.text });
}

async function postInChannel(target: ReplyTarget, channel: string, page: SlackMessage, visibility: Reply["visibility"]) {
  if (visibility === "channel") await target.client.chat.postMessage({ channel, blocks: page.blocks, text: page.text });
  else await target.client.chat.postEphemeral({ channel, user: target.userId, blocks: page.blocks, text: page.text });
}

async function uploadFiles(target: ReplyTarget, files: FileOut[], visibility: Reply["visibility"]): Promise<void> {
  // The reply's text has gone (in the ack, often); a chart still being drawn is waited for here.
  const ready = await readyFiles(files);
  const channel = visibility === "channel" && target.channelId ? target.channelId : await openDirect(target.client, target.userId);
  await target.client.filesUploadV2({
    channel_id: channel,
    file_uploads: slackFileUploads(ready),
  });
}

/** Private files go to the direct messages; the reply says so, or the user would look for them here. */
function withFileNotice(target: ReplyTarget, reply: Reply): Message | undefined {
  const files = reply.files ?? [];
  const privately = files.length > 0 && !(reply.visibility === "channel" && target.channelId);
  if (!privately) return reply.message;
  const names = files.map((f) => f.name).join(", ");
  const notice = textBlock(`:paperclip: ${names} ${files.length === 1 ? "was" : "were"} sent to you in a direct message from Switchboard.`, "muted");
  return { ...reply.message, blocks: [...(reply.message?.blocks ?? []), notice] };
}
