// The chat adapter contract against the console: a typed line, printed whole (a terminal
// has no message limits, so nothing may be cut).
import { ConsoleSession } from "../../adapters/console/console-session.ts";
import { createTestApp } from "../helpers/test-app.ts";
import { createTestAccount } from "../helpers/accounts.ts";
import { CONTRACT_LINE, runChatAdapterContract } from "./chat-adapter-contract.ts";

runChatAdapterContract({
  surface: "console",
  async start(prepare) {
    const app = await createTestApp();
    prepare(app.services);
    await createTestAccount(app);
    let out = "";
    const session = new ConsoleSession(app.dispatcher, { write: (t) => void (out += t) }, "/tmp");
    return {
      send: async () => void (await session.handleLine(CONTRACT_LINE)),
      answers: () => (out ? [out] : []),
      close: () => app.close(),
    };
  },
  problems: () => [],
  shows: ["Field 69.11"],
});
