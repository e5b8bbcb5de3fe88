// Block Kit's published limits. Slack rejects a whole payload (invalid_blocks,
// invalid_arguments) when one value is over, so the renderers cut or split against these
// numbers rather than hoping the content is small.
export const LIMITS = {
  messageBlocks: 50,
  viewBlocks: 100,
  sectionText: 3000,
  sectionFields: 10,
  fieldText: 2000,
  headerText: 150,
  contextElements: 10,
  actionsElements: 25,
  buttonText: 75,
  buttonValue: 2000,
  actionId: 255,
  blockId: 255,
  selectOptions: 100,
  optionText: 75,
  optionValue: 150,
  optionDescription: 75,
  placeholder: 150,
  confirmTitle: 100,
  confirmText: 300,
  confirmButton: 30,
  modalTitle: 24,
  modalButton: 24,
  privateMetadata: 3000,
  callbackId: 255,
  inputLabel: 2000,
  inputHint: 2000,
  inputInitialValue: 3000,
  /** A response_url takes at most 5 messages (within 30 minutes). */
  responseUrlUses: 5,
  /** The notification text sent beside blocks; Slack truncates past 40,000, we keep it short. */
  fallbackText: 3000,
} as const;

/** What a reader sees where long text was cut, so nobody mistakes it for the whole. */
export const CUT_MARKER = "\n… (cut: too long for Slack; run the command in the console or narrow it down for the rest)";

/** Short labels (buttons, titles, options) end with an ellipsis when cut. */
export function cutLabel(value: string, max: number): string {
  const chars = [...value];
  if (chars.length <= max) return value;
  return chars.slice(0, max - 1).join("") + "…";
}

/** Long text ends with CUT_MARKER when cut; the result is never longer than `max`. */
export function cutText(value: string, max: number): string {
  if (value.length <= max) return value;
  let kept = value.slice(0, Math.max(0, max - CUT_MARKER.length));
  // Never leave half an HTML entity (&amp;) or half a surrogate pair behind.
  kept = kept.replace(/&[a-z]{0,4}$/, "").replace(/[\uD800-\uDBFF]$/, "");
  return kept + CUT_MARKER;
}

/**
 * Splits text into pieces of at most `max` characters, at line breaks where it can;
 * a single line longer than `max` is cut with the marker.
 */
export function splitText(value: string, max: number): string[] {
  if (value.length <= max) return [value];
  const pieces: string[] = [];
  let current = "";
  for (const line of value.split("\n")) {
    const candidate = current === "" ? line : `${current}\n${line}`;
    if (candidate.length <= max) {
      current = candidate;
      continue;
    }
    if (current !== "") pieces.push(current);
    current = line.length <= max ? line : cutText(line, max);
  }
  if (current !== "") pieces.push(current);
  return pieces;
}
