// Events API: App Home opened (publish the dashboard), and the app removed from a
// workspace or its tokens revoked (forget the installation, so no token outlives its grant).
import type { App } from "@slack/bolt";
import type { InstallationStore } from "@slack/oauth";
import { logFailure, requestIdOf, type ListenerDeps } from "./slack-listener-kit.ts";

export function registerEvents(app: App, deps: ListenerDeps, installations?: InstallationStore): void {
  // Bolt has acknowledged the event before this listener runs; the publish runs in the background.
  app.event("app_home_opened", async ({ event, body, client, context }) => {
    const teamId = body.team_id ?? context.teamId;
    if (event.tab === "home" && teamId) deps.home.opened(client, teamId, event.user, requestIdOf(context));
  });

  const forget = async (teamId: string | undefined, enterpriseId: string | undefined, isEnterpriseInstall: boolean, requestId: string) => {
    if (!installations?.deleteInstallation) {
      deps.log.warn({ requestId, teamId }, "slack: the app was removed from a workspace; with a fixed bot token there is nothing stored to forget");
      return;
    }
    try {
      await installations.deleteInstallation({ teamId, enterpriseId, isEnterpriseInstall });
      deps.log.info({ requestId, teamId, enterpriseId }, "slack: installation removed");
    } catch (error) {
      logFailure(deps, requestId, "could not remove the installation", error);
    }
  };

  app.event("app_uninstalled", ({ body, context }) =>
    deps.work.track(forget(body.team_id, body.enterprise_id, Boolean(body.is_enterprise_install), requestIdOf(context))),
  );

  app.event("tokens_revoked", ({ event, body, context }) => {
    // Only the bot token matters here: user tokens are never requested.
    if (!event.tokens.bot?.length) return Promise.resolve();
    return deps.work.track(forget(body.team_id, body.enterprise_id, Boolean(body.is_enterprise_install), requestIdOf(context)));
  });
}
