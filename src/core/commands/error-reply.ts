import type { UserError } from "../errors.ts";
import type { Block, Reply } from "../view.ts";
import { code, text } from "../view.ts";
import { redactCardNumbers } from "../card-numbers.ts";

/** Errors may quote what was typed: whatever got that far, a card number is never repeated. */
export function errorReply(error: UserError): Reply {
  const blocks: Block[] = [text(redactCardNumbers(error.message), "error")];
  if (error.details.hint) blocks.push(text(redactCardNumbers(error.details.hint), "muted"));
  if (error.details.usage) blocks.push(code(`Usage: ${redactCardNumbers(error.details.usage)}`));
  return { visibility: "ephemeral", message: { blocks } };
}

export function internalErrorReply(requestId: string): Reply {
  return {
    visibility: "ephemeral",
    message: {
      blocks: [
        text(`Something went wrong on our side and nothing was changed by this reply. Request id: ${requestId}.`, "error"),
        text("Try again in a moment; if it keeps failing, give this id to whoever runs Switchboard.", "muted"),
      ],
    },
  };
}
