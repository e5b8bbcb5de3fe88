// Discord's limits, named once. The renderer, the modal builder and the command generator
// fit their output to these, and their tests check each one they rely on.
export const LIMITS = {
  content: 2000,
  embedsPerMessage: 10,
  embedTitle: 256,
  embedDescription: 4096,
  embedFields: 25,
  fieldName: 256,
  fieldValue: 1024,
  /** Across every embed of one message: title, description, field names and values. */
  embedTotal: 6000,
  actionRows: 5,
  buttonsPerRow: 5,
  buttonLabel: 80,
  customId: 100,
  selectOptions: 25,
  selectPlaceholder: 150,
  optionText: 100,
  modalTitle: 45,
  modalComponents: 5,
  labelText: 45,
  labelDescription: 100,
  textInputValue: 4000,
  textInputPlaceholder: 100,
  commandName: 32,
  commandDescription: 100,
  /** Subcommand groups, subcommands or options on one level. */
  commandOptions: 25,
  commandChoices: 25,
  /** Names, descriptions and choice values of one command with all its levels together. */
  commandTotal: 4000,
  /** Chat-input commands an application may have globally, and again in each guild. */
  commandsPerApplication: 100,
  filesPerMessage: 10,
  /** The upload limit of a server without boosts. */
  fileBytes: 10 * 1024 * 1024,
} as const;

export const EPHEMERAL = 1 << 6;

/** Cuts `text` to `max` characters with an ellipsis, never splitting a surrogate pair. */
export function clamp(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = text.slice(0, max - 1);
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
  return cut + "…";
}

/** Splits long text into pieces of at most `max` characters, at a line break when there is one. */
export function chunkText(text: string, max: number): string[] {
  const pieces: string[] = [];
  let rest = text;
  while (rest.length > max) {
    const newline = rest.lastIndexOf("\n", max);
    let cut = newline > max / 2 ? newline : max;
    if (/[\uD800-\uDBFF]/.test(rest.charAt(cut - 1))) cut--;
    pieces.push(rest.slice(0, cut));
    rest = rest.slice(cut).replace(/^\n/, "");
  }
  pieces.push(rest);
  return pieces;
}

export function chunk<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
