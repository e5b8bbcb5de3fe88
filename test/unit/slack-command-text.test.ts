// Slash command text from Slack (escaped: should_escape is on) to the core's command line.
import { describe, expect, it } from "vitest";
import { commandText } from "../../adapters/slack/slack-command-text.ts";
import { parseArgs } from "../../src/core/commands/parse-args.ts";
import { tokenize } from "../../src/core/commands/tokenize.ts";
import { helpCommand } from "../../src/commands/help.command.ts";

describe("slash command text", () => {
  it("turns mentions of people and channels into marked addresses the core's parser takes as words", () => {
    expect(commandText("users invite <@U123ABC|ada> permissions:numbers", "T1")).toBe("users invite @slack:T1:U123ABC permissions:numbers");
    expect(commandText("users invite <@W42>", "T1")).toBe("users invite @slack:T1:W42");
    expect(commandText("alerts channel <#C0456|ops-alerts>", "T9")).toBe("alerts channel #slack:T9:C0456");
    // Unmarked, "slack:T1:U1" would be refused as an unknown option.
    expect(parseArgs(helpCommand, tokenize(commandText("<@U1|ada>", "T1")))).toEqual({ topic: "@slack:T1:U1" });
  });

  it("gives links, emails and phone links back as typed", () => {
    expect(commandText("numbers webhook 447700900123 sms:<https://example.com/sms?a=1&amp;b=2|example.com/sms>", "T1")).toBe(
      "numbers webhook 447700900123 sms:https://example.com/sms?a=1&b=2",
    );
    expect(commandText("account email <mailto:ada@acme.test|ada@acme.test>", "T1")).toBe("account email ada@acme.test");
    expect(commandText("sms send <tel:+447700900123|+44 7700 900123> hi", "T1")).toBe("sms send +447700900123 hi");
  });

  it("decodes entities and leaves plain text alone", () => {
    expect(commandText("sms send 447700900123 \"Fish &amp; chips &lt;3\"", "T1")).toBe('sms send 447700900123 "Fish & chips <3"');
    expect(commandText("<!here> help", "T1")).toBe("@here help");
    expect(commandText("numbers search GB", "T1")).toBe("numbers search GB");
  });
});
