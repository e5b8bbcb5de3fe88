// One conversation with Switchboard in Slack, run over each transport (signed HTTP and
// Socket Mode): help, App Home, a command with arguments and its confirmation button (which
// refreshes App Home), a command that opens a modal, field errors then a valid submission,
// typeahead, a button on App Home, a file, slow work that updates its message, and a
// retried request that does not charge twice.
import { expect, it } from "vitest";
import type { SlackHarness } from "../helpers/slack-harness.ts";
import { buttonClick, eventCallback, slashCommand, viewSubmission } from "../helpers/slack-requests.ts";
import { WEB_API_METHODS } from "../../adapters/slack/slack-scopes.ts";

type Json = Record<string, unknown>;

/** Every button in a list of blocks, with its visible text. */
export function buttonsIn(blocks: unknown): { text: string; action_id: string; value: string; confirm?: Json }[] {
  return ((blocks ?? []) as Json[])
    .filter((b) => b.type === "actions")
    .flatMap((b) => (b.elements as Json[]).filter((e) => e.type === "button"))
    .map((e) => ({ text: (e.text as Json).text as string, action_id: e.action_id as string, value: e.value as string, confirm: e.confirm as Json | undefined }));
}

export const textOf = (value: unknown): string => JSON.stringify(value ?? null);

export function defineSlackFlow(h: () => SlackHarness): void {
  const responseFor = (url: string) => h().fake.waitFor(() => h().fake.responses.find((r) => url.endsWith(`/respond/${r.id}`)));

  it("answers /switchboard alone with help, and help <command> with its usage", async () => {
    const overview = await h().transport.command(slashCommand("", h().fake.responseUrl()));
    expect(overview.status).toBe(200);
    expect(overview.body.response_type).toBe("ephemeral");
    expect(textOf(overview.body.blocks)).toContain("Switchboard commands");
    expect(textOf(overview.body.blocks)).toContain("test charge");

    const detail = await h().transport.command(slashCommand("help test charge", h().fake.responseUrl()));
    // "<amount>" is escaped, or Slack would read it as a link and show nothing.
    expect(textOf(detail.body.blocks)).toContain("Usage: test charge &lt;amount&gt;");
  });

  it("publishes the account dashboard as the App Home tab", async () => {
    const before = h().fake.callsTo("views.publish").length;
    await h().transport.event(eventCallback({ type: "app_home_opened", user: "U1", channel: "D1", tab: "home", event_ts: "1700000000.1" }));
    const published = await h().fake.waitFor(() => h().fake.callsTo("views.publish")[before]);
    expect(published.args.user_id).toBe("U1");
    expect(published.args.view).toMatchObject({ type: "home" });
    expect(textOf(published.args.view)).toContain("Acme (abcd1234)");
  });

  it("runs a command with arguments, asks to confirm the spending, and charges once on Confirm", async () => {
    const asked = await h().transport.command(slashCommand("test charge 5", h().fake.responseUrl()));
    expect(textOf(asked.body.blocks)).toContain("This charges €5.");
    const [pay, cancel] = buttonsIn(asked.body.blocks);
    expect(pay?.text).toBe("Pay €5");
    expect(cancel?.text).toBe("Cancel");
    expect(h().charges()).toBe(0);

    const before = h().fake.callsTo("views.publish").length;
    const url = h().fake.responseUrl();
    const clicked = await h().transport.interactive(buttonClick(pay!.action_id, pay!.value, url));
    expect(clicked.status).toBe(200);
    const answer = await responseFor(url);
    expect(answer.body).toMatchObject({ replace_original: true, response_type: "ephemeral" });
    expect(textOf(answer.body.blocks)).toContain("Charged €5.");
    expect(h().charges()).toBe(1);
    // A change refreshes the App Home of a user who has opened it (above).
    await h().fake.waitFor(() => h().fake.callsTo("views.publish").length > before);

    const again = h().fake.responseUrl();
    await h().transport.interactive(buttonClick(pay!.action_id, pay!.value, again));
    expect(textOf((await responseFor(again)).body.blocks)).toContain("Charged €5.");
    expect(h().charges()).toBe(1);
  });

  it("opens a modal for missing arguments, shows a field error, then accepts a valid value", async () => {
    const command = slashCommand("test charge", h().fake.responseUrl());
    const acked = await h().transport.command(command);
    expect(acked.status).toBe(200);
    const opened = await h().fake.waitFor(() => h().fake.callsTo("views.open").find((c) => c.args.trigger_id === command.trigger_id));
    const view = opened.args.view as { blocks: Json[]; private_metadata: string; title: Json; submit: Json; callback_id: string };
    expect(view.title).toMatchObject({ text: "Charge the account" });
    expect(view.blocks[0]).toMatchObject({ type: "input", block_id: "f:amount", element: { type: "number_input", action_id: "v" } });

    const charged = h().charges();
    const bad = await h().transport.interactive(viewSubmission(view, { "f:amount": { v: { type: "number_input", value: "-5" } } }));
    expect(bad.body.response_action).toBe("errors");
    expect((bad.body.errors as Json)["f:amount"]).toMatch(/Too small/);

    const good = await h().transport.interactive(viewSubmission(view, { "f:amount": { v: { type: "number_input", value: "7" } } }));
    expect(good.body.response_action).toBeUndefined();
    const posted = await h().fake.waitFor(() => h().fake.callsTo("chat.postEphemeral").find((c) => textOf(c.args.blocks).includes("This charges €7.")));
    expect(posted.args).toMatchObject({ channel: "C1", user: "U1" });
    expect(h().charges()).toBe(charged);
  });

  it("serves typeahead for form fields from the dispatcher's suggestions", async () => {
    const command = slashCommand("test rent", h().fake.responseUrl());
    await h().transport.command(command);
    const opened = await h().fake.waitFor(() => h().fake.callsTo("views.open").find((c) => c.args.trigger_id === command.trigger_id));
    const view = opened.args.view as { blocks: Json[]; private_metadata: string; title: Json; callback_id: string };
    expect(view.blocks[0]).toMatchObject({ block_id: "f:country", element: { type: "external_select" } });
    const suggested = await h().transport.interactive({
      type: "block_suggestion",
      team: { id: "T1", domain: "acme" },
      user: { id: "U1", name: "ada", team_id: "T1" },
      api_app_id: "A1",
      token: "legacy-verification-token",
      action_id: "v",
      block_id: "f:country",
      value: "germ",
      container: { type: "view", view_id: "V1" },
      view: { id: "V1", type: "modal", private_metadata: view.private_metadata, callback_id: "sb_form" },
    });
    expect(suggested.body.options).toEqual([{ text: { type: "plain_text", text: "Germany (DE)", emoji: true }, value: "DE" }]);

    // The core refuses the choice: the modal stays, says why above the field and keeps the value.
    const pick = (value: string) => viewSubmission(view, { "f:country": { v: { type: "external_select", selected_option: { value } } } });
    const refused = await h().transport.interactive(pick("ZZ"));
    expect(refused.body.response_action).toBe("update");
    const again = refused.body.view as { blocks: Json[] };
    expect(textOf(again.blocks[0])).toContain("There are no numbers to rent in ZZ.");
    expect(again.blocks.find((b) => b.type === "input")).toMatchObject({ element: { initial_option: { value: "ZZ" } } });

    const accepted = await h().transport.interactive(pick("DE"));
    expect(accepted.body.response_action).toBeUndefined();
    await h().fake.waitFor(() => h().fake.callsTo("chat.postEphemeral").find((c) => textOf(c.args.blocks).includes("Rented a number in DE.")));
  });

  it("answers a button on the Home tab in a modal, since there is no message to reply to", async () => {
    const home = h().fake.callsTo("views.publish").at(-1)!.args.view as { blocks: unknown };
    const help = buttonsIn(home.blocks).find((b) => b.text === "Help")!;
    const click = {
      type: "block_actions",
      team: { id: "T1", domain: "acme" },
      user: { id: "U1", username: "ada", name: "ada", team_id: "T1" },
      api_app_id: "A1",
      token: "legacy-verification-token",
      container: { type: "view", view_id: "VHOME" },
      view: { id: "VHOME", type: "home", callback_id: "", private_metadata: "", blocks: [], state: { values: {} }, hash: "h" },
      trigger_id: "home-click-trigger",
      actions: [{ type: "button", action_id: help.action_id, block_id: "b", value: help.value, action_ts: "1" }],
    };
    expect((await h().transport.interactive(click)).status).toBe(200);
    const opened = await h().fake.waitFor(() => h().fake.callsTo("views.open").find((c) => c.args.trigger_id === "home-click-trigger"));
    expect(opened.args.view).toMatchObject({ type: "modal", title: { text: "Switchboard" } });
    expect(textOf(opened.args.view)).toContain("Switchboard commands");
  });

  it("uploads files privately with files.uploadV2 and says where they went", async () => {
    const acked = await h().transport.command(slashCommand("test export", h().fake.responseUrl()));
    expect(textOf(acked.body.blocks)).toContain("invoice-1.pdf was sent to you in a direct message");
    const done = await h().fake.waitFor(() => h().fake.callsTo("files.completeUploadExternal")[0]);
    expect(done.args.channel_id).toBe("D1");
    const [file] = done.args.files as { id: string; title: string }[];
    expect(file!.title).toBe("invoice-1.pdf");
    expect(h().fake.uploads.get(file!.id)?.bytes.toString()).toBe("%PDF-1.4 test invoice");
    expect(h().fake.callsTo("conversations.open").at(-1)?.args.users).toBe("U1");
  });

  it("acknowledges slow work at once and replaces the message when it is done", async () => {
    const url = h().fake.responseUrl();
    // The slow command always outlasts the ack budget (its timer is longer and set later),
    // so the ack must be the placeholder whatever the machine's load: no wall clock here.
    const acked = await h().transport.command(slashCommand("test slow", url));
    expect(textOf(acked.body)).toContain("Working on it");
    const done = await responseFor(url);
    expect(done.body).toMatchObject({ replace_original: true });
    expect(textOf(done.body.blocks)).toContain("Slow work done.");
  });

  it("does not repeat a purchase when Slack retries the request", async () => {
    const before = h().charges();
    const command = slashCommand("test charge 3 confirm:yes", h().fake.responseUrl());
    const first = await h().transport.command(command);
    const retried = await h().transport.command(command, 1);
    expect(textOf(first.body.blocks)).toContain("Charged €3.");
    expect(textOf(retried.body.blocks)).toContain("Charged €3.");
    expect(h().charges() - before).toBe(1);
  });

  it("calls only the Web API methods the manifest's scopes cover", () => {
    const unknown = h().fake.calls.map((c) => c.method).filter((m) => !(m in WEB_API_METHODS));
    expect(unknown).toEqual([]);
    expect(h().fake.calls.every((c) => c.method === "apps.connections.open" || c.token === "xoxb-test")).toBe(true);
  });
}
