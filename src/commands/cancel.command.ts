import { z } from "zod";
import { defineCommand } from "../core/commands/definition.ts";
import { say } from "../core/view.ts";

/** What a Cancel button runs: nothing happens, and the user is told so. */
export const cancelCommand = defineCommand({
  path: "cancel",
  description: "Dismiss a pending confirmation without doing anything",
  args: z.object({}),
  access: "anyone",
  sideEffect: "read",
  needsAccount: false,
  async handler() {
    return say("Cancelled. Nothing was changed.");
  },
});
