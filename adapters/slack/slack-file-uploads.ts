// The files of a reply or a post as files.uploadV2 takes them. Each entry is typed by
// @slack/web-api's own argument type and built by assignment, so a misspelt field fails to
// compile instead of being dropped on the way: the screen-reader text is `alt_text` in the
// library, which sends it under that name to files.getUploadURLExternal (whose reference
// spells it `alt_txt`; python-slack-sdk#1818 reports that `alt_txt` there can stop the file
// from being shared into the channel, so the library's name stays).
import type { FilesUploadV2Arguments } from "@slack/web-api";
import type { ReadyFile } from "../../src/core/view.ts";

type FileUploadEntry = Extract<FilesUploadV2Arguments, { file_uploads: unknown }>["file_uploads"][number];

/** Slack refuses a longer screen-reader text (alt_txt_too_large). */
export const ALT_TEXT_LIMIT = 1000;

export function slackFileUploads(files: readonly ReadyFile[]): FileUploadEntry[] {
  return files.map((f) => {
    const entry: FileUploadEntry = { file: f.content, filename: f.name, title: f.title ?? f.name };
    // A chart's alt text is what screen readers and notifications show for the picture.
    if (f.image) entry.alt_text = f.image.alt.slice(0, ALT_TEXT_LIMIT);
    return entry;
  });
}
