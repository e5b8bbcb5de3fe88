/* eslint-disable @typescript-eslint/no-explicit-any -- platform payloads are untyped JSON here */
// The chat adapter contract against Slack: a slash command over HTTP into the real Bolt
// receiver, answered through the acknowledgement and response_url.
import { expect } from "vitest";
import { startSlackHarness } from "../helpers/slack-harness.ts";
import { slashCommand } from "../helpers/slack-requests.ts";
import { blockKitProblems } from "../helpers/slack-block-rules.ts";
import { CONTRACT_LINE, runChatAdapterContract } from "./chat-adapter-contract.ts";

runChatAdapterContract({
  surface: "slack",
  async start(prepare) {
    const slack = await startSlackHarness("http");
    prepare(slack.app.services);
    let ackBody: unknown;
    return {
      async send() {
        const ack = await slack.transport.command(slashCommand(CONTRACT_LINE, slack.fake.responseUrl()));
        expect(ack.status).toBe(200);
        ackBody = ack.body;
        // A reply too slow for the ack comes by response_url after it: wait for it, however
        // busy the machine, instead of reading the fake's record before it arrives.
        if (!(ack.body as any)?.blocks) await slack.fake.waitFor(() => slack.fake.responses.some((r: any) => r.body?.blocks));
      },
      answers: () => [ackBody, ...slack.fake.responses.map((r) => r.body)].filter((p: any) => p && p.blocks),
      close: () => slack.close(),
    };
  },
  problems: (payload: any) => blockKitProblems(payload.blocks),
  shows: ["Field 0.0"],
  refused: [
    { payload: { blocks: Array.from({ length: 51 }, () => ({ type: "divider" })) }, expected: ["51 blocks in a message (max 50)"] },
    { payload: { blocks: [{ type: "section", text: { type: "mrkdwn", text: "x".repeat(3001) } }] }, expected: ["section text of 3001 (max 3000)"] },
  ],
});
