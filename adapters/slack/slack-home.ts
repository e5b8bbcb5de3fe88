// App Home: the Home tab shows the core `home` command's reply, the account dashboard,
// published when the user opens the tab and again after each change they make.
import type { WebClient } from "@slack/web-api";
import type { Logger } from "../../src/platform/logger.ts";
import { safeError } from "../../src/core/errors.ts";
import { invocationFor } from "./slack-invocation.ts";
import { renderHomeView } from "./slack-modal-renderer.ts";
import type { CommandRunner } from "../shared/chat-host.ts";

export type HomePublisher = (client: WebClient, teamId: string, userId: string, requestId: string) => Promise<void>;

export function homePublisher(host: CommandRunner, log: Logger): HomePublisher {
  return async (client, teamId, userId, requestId) => {
    try {
      const result = await host.dispatch(invocationFor({ teamId, userId, requestId }), { kind: "command", command: "home", args: {} });
      if (!result.reply.message) return;
      await client.views.publish({ user_id: userId, view: renderHomeView(result.reply.message) });
    } catch (error) {
      // A stale Home tab is not worth failing the request that changed it.
      log.warn({ requestId, err: safeError(error) }, "slack: could not publish App Home");
    }
  };
}
