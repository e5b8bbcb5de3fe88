// Tiny helpers for server-rendered pages: everything interpolated is escaped.
const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

export const escapeHtml = (value: string): string => value.replace(/[&<>"']/g, (c) => ESCAPES[c]!);

export function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(title)} · Switchboard</title>
<style>
  body { font: 16px/1.5 system-ui, sans-serif; margin: 0; background: #f4f5f7; color: #1d1d1f; }
  main { max-width: 36rem; margin: 2rem auto; background: #fff; padding: 1.5rem 2rem; border-radius: 8px; box-shadow: 0 1px 3px #0002; }
  h1 { font-size: 1.4rem; margin-top: 0; }
  fieldset { border: 1px solid #d0d4da; border-radius: 6px; margin: 0 0 1rem; padding: 0.75rem 1rem; }
  legend { font-weight: 600; padding: 0 0.25rem; }
  label { display: block; margin: 0.5rem 0 0.2rem; font-weight: 500; }
  label.choice { display: inline-block; margin-right: 1rem; font-weight: 400; }
  input[type=text], input[type=email], select { width: 100%; box-sizing: border-box; padding: 0.45rem; border: 1px solid #aab; border-radius: 4px; font: inherit; }
  .row { display: flex; gap: 1rem; } .row > div { flex: 1; }
  .error { color: #b00020; font-size: 0.9rem; margin: 0.2rem 0 0; }
  [aria-invalid=true] { border-color: #b00020 !important; }
  .banner { padding: 0.75rem 1rem; border-radius: 6px; margin-bottom: 1rem; }
  .banner.error { background: #fdecee; color: #b00020; font-size: 1rem; }
  .banner.success { background: #e7f6ec; color: #0b6b2b; }
  .muted { color: #5f6570; font-size: 0.9rem; }
  button { background: #1f5fd6; color: #fff; border: 0; border-radius: 4px; padding: 0.6rem 1.2rem; font: inherit; cursor: pointer; }
  code { background: #f0f1f3; padding: 0 0.25rem; border-radius: 3px; }
</style>
</head>
<body><main>
${body}
</main></body>
</html>`;
}
