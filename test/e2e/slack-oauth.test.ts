// Installing into many workspaces: the OAuth install and redirect routes on the one HTTP
// server, the installation stored sealed, used for that team's requests and posts, and
// forgotten when the app is uninstalled or its tokens are revoked.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSlackHarness, type SlackHarness } from "../helpers/slack-harness.ts";
import { eventCallback } from "../helpers/slack-requests.ts";
import { DeliveryError } from "../../src/core/channel-poster.ts";
import { textOf } from "./slack-flow.ts";

let h: SlackHarness;
beforeAll(async () => {
  h = await startSlackHarness("oauth");
});
afterAll(() => h?.close());

async function install(): Promise<Response> {
  const start = await fetch(`${h.baseUrl}/slack/install`, { redirect: "manual" });
  expect(start.status).toBe(302);
  const location = new URL(start.headers.get("location")!);
  const cookie = start.headers.get("set-cookie")!.split(";")[0]!;
  const state = location.searchParams.get("state")!;
  return fetch(`${h.baseUrl}/slack/oauth_redirect?code=good-code&state=${encodeURIComponent(state)}`, { headers: { cookie } });
}

const stored = () => h.app.services.db.slackInstallation.findMany({ where: { teamId: "T2" } });
const poster = () => h.app.services.posters.forChannel("slack:T1:C1")!;

describe("Slack OAuth installs", () => {
  it("sends the installer to Slack with the scopes the app uses and a state bound to the browser", async () => {
    const start = await fetch(`${h.baseUrl}/slack/install`, { redirect: "manual" });
    const location = new URL(start.headers.get("location")!);
    expect(location.origin + location.pathname).toBe("https://slack.com/oauth/v2/authorize");
    expect(location.searchParams.get("client_id")).toBe("1.2");
    expect(location.searchParams.get("scope")).toBe("channels:history,chat:write,commands,files:write,groups:history,im:history,im:write");
    expect(location.searchParams.get("redirect_uri")).toBe("http://127.0.0.1:9/slack/oauth_redirect");
    expect(start.headers.get("set-cookie")).toContain(location.searchParams.get("state")!);
  });

  it("refuses a redirect whose state was not issued to this browser", async () => {
    const forged = await fetch(`${h.baseUrl}/slack/oauth_redirect?code=good-code&state=made-up`);
    expect(forged.status).toBe(400);
    expect(await stored()).toEqual([]);
  });

  it("stores the installation sealed and uses its token for that workspace", async () => {
    const done = await install();
    expect(done.status).toBe(200);
    expect(await done.text()).toContain("installed in Second Co");
    const rows = await stored();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.dataEnc).not.toContain("xoxb-installed");

    await h.transport.event(eventCallback({ type: "app_home_opened", user: "U9", channel: "D9", tab: "home" }, { team_id: "T2" }));
    const published = await h.fake.waitFor(() => h.fake.callsTo("views.publish").find((c) => c.args.user_id === "U9"));
    expect(published.token).toBe("xoxb-installed");
    expect(textOf(published.args.view)).toContain("No account is connected to this workspace yet.");

    await poster().post("slack:T2:C5", { blocks: [{ type: "text", text: "Balance low" }] });
    expect(h.fake.callsTo("chat.postMessage").at(-1)).toMatchObject({ token: "xoxb-installed", args: { channel: "C5" } });
  });

  it("forgets the installation when the app is uninstalled", async () => {
    await h.transport.event(eventCallback({ type: "app_uninstalled" }, { team_id: "T2" }));
    await expect.poll(stored).toEqual([]);
    const refused = await poster().post("slack:T2:C5", { blocks: [{ type: "text", text: "x" }] }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(DeliveryError);
    expect(refused).toMatchObject({ retryable: false });
  });

  it("forgets the installation when its bot token is revoked", async () => {
    expect((await install()).status).toBe(200);
    expect(await stored()).toHaveLength(1);
    await h.transport.event(eventCallback({ type: "tokens_revoked", tokens: { bot: ["UBOT2"] } }, { team_id: "T2" }));
    await expect.poll(stored).toEqual([]);
  });
});
