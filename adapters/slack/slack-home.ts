// App Home: the Home tab shows the core `home` command's reply, the account dashboard. It
// is published when the user opens the tab, and again after a change they make, but only
// for users who have opened it (within HOME_OPENED_TTL_MS, remembered in the state every
// instance shares): most people who use a slash command never look at the tab, and each
// refresh renders every account of the workspace. A refresh never delays an answer: it
// starts after the answer was sent and runs in the background, at most one per user in
// flight and one waiting (adapters/shared/coalesced-runs.ts), so a burst of changes costs
// at most two publishes and the last one shows the final state.
import type { WebClient } from "@slack/web-api";
import { safeError } from "../../src/core/errors.ts";
import { invocationFor } from "./slack-invocation.ts";
import { renderHomeView } from "./slack-modal-renderer.ts";
import type { ChatHost } from "../shared/chat-host.ts";
import type { BackgroundWork } from "../shared/background-work.ts";
import { CoalescedRuns } from "../shared/coalesced-runs.ts";

/** How long an opening of the Home tab keeps it refreshed after changes (opening it again renews it). */
export const HOME_OPENED_TTL_MS = 90 * 24 * 3600 * 1000;

/** How a refresh ended, for whoever watches (tests; metrics). `idle`: nothing more is waiting for this user here. */
export interface HomeRefreshEvent {
  teamId: string;
  userId: string;
  outcome: "published" | "not-opened" | "nothing-to-show" | "failed";
  idle: boolean;
}

interface Refresh {
  client: WebClient;
  teamId: string;
  userId: string;
  requestId: string;
  /** The user has just opened the tab: remember that, and publish whatever was remembered before. */
  opened: boolean;
}

export class SlackHome {
  private readonly runs: CoalescedRuns<Refresh, HomeRefreshEvent["outcome"]>;

  constructor(
    private readonly host: Pick<ChatHost, "dispatch" | "state" | "clock" | "log">,
    private readonly work: BackgroundWork,
    onRefresh?: (event: HomeRefreshEvent) => void,
  ) {
    this.runs = new CoalescedRuns({
      run: (_key, refresh) => this.refresh(refresh),
      // The latest request's client and request id; an opening among them still publishes.
      merge: (waiting, next) => ({ ...next, opened: waiting.opened || next.opened }),
      afterRun: (_key, { teamId, userId }, outcome, idle) => onRefresh?.({ teamId, userId, outcome: outcome ?? "failed", idle }),
    });
  }

  /** The user opened the Home tab: publish it, and refresh it after their changes from now on. */
  opened(client: WebClient, teamId: string, userId: string, requestId: string): void {
    this.request({ client, teamId, userId, requestId, opened: true });
  }

  /** Something the user did may have changed what their Home tab shows. */
  changed(client: WebClient, teamId: string, userId: string, requestId: string): void {
    this.request({ client, teamId, userId, requestId, opened: false });
  }

  private request(refresh: Refresh): void {
    // Tracked, so that a shutdown lets a publish in flight finish.
    void this.work.track(this.runs.request(`${refresh.teamId}:${refresh.userId}`, refresh));
  }

  private async refresh({ client, teamId, userId, requestId, opened }: Refresh): Promise<HomeRefreshEvent["outcome"]> {
    const key = openedKey(teamId, userId);
    try {
      if (opened) await this.remember(key, requestId);
      else if (!(await this.host.state.get(key))) return "not-opened";
      const result = await this.host.dispatch(invocationFor({ teamId, userId, requestId, refresh: true }), { kind: "command", command: "home", args: {} });
      // After a change, a failed render keeps the last good tab; an opened tab shows why it is empty.
      if (!result.reply.message || (!opened && result.outcome !== "ok")) return "nothing-to-show";
      await client.views.publish({ user_id: userId, view: renderHomeView(result.reply.message) });
      return "published";
    } catch (error) {
      // A stale Home tab is not worth more than a warning: the next change or opening refreshes it.
      this.host.log.warn({ requestId, err: safeError(error) }, "slack: could not publish App Home");
      return "failed";
    }
  }

  private async remember(key: string, requestId: string): Promise<void> {
    try {
      await this.host.state.set(key, { openedAt: this.host.clock.now().toISOString() }, { ttlMs: HOME_OPENED_TTL_MS });
    } catch (error) {
      // The tab still opens; only the refreshes after changes wait for the next opening.
      this.host.log.warn({ requestId, err: safeError(error) }, "slack: could not remember that App Home was opened");
    }
  }
}

const openedKey = (teamId: string, userId: string) => `slack:home-opened:${teamId}:${userId}`;
