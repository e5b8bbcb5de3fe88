// Typeahead for form fields and command options (Slack external selects, Discord
// autocomplete, console hints). Each kind has one source, registered by the part of the
// core that owns the data.
import type { SelectOption, FormField } from "../view.ts";
import type { CommandContext } from "../commands/context.ts";

export type SuggestKind = NonNullable<FormField["suggest"]>;
export type SuggestionSource = (ctx: CommandContext, query: string) => Promise<SelectOption[]>;

export class Suggestions {
  private readonly sources = new Map<SuggestKind, SuggestionSource>();

  register(kind: SuggestKind, source: SuggestionSource): void {
    this.sources.set(kind, source);
  }

  async suggest(kind: SuggestKind, ctx: CommandContext, query: string, limit = 25): Promise<SelectOption[]> {
    const source = this.sources.get(kind);
    return source ? (await source(ctx, query.trim())).slice(0, limit) : [];
  }
}
