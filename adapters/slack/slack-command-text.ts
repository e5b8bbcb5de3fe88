// The slash command's text as the core reads it. The command is declared with
// should_escape, so Slack sends people and channels as stable ids rather than display
// names; they become neutral addresses marked @ for people and # for channels
// (<@U1|ada> → @slack:T1:U1, <#C1|ops> → #slack:T1:C1; the mark also keeps the core's
// key:value parser from reading "slack:" as an option), links and emails lose Slack's
// brackets, and entities are decoded.
export function commandText(text: string, teamId: string): string {
  return text
    .replace(/<@([UW][A-Z0-9]+)(?:\|[^>]*)?>/g, (_m, user: string) => `@slack:${teamId}:${user}`)
    .replace(/<#(C[A-Z0-9]+|G[A-Z0-9]+)(?:\|[^>]*)?>/g, (_m, channel: string) => `#slack:${teamId}:${channel}`)
    .replace(/<(?:mailto|tel):([^|>]+)(?:\|[^>]*)?>/g, "$1")
    .replace(/<(https?:[^|>]+)(?:\|[^>]*)?>/g, "$1")
    .replace(/<!([a-z]+)(?:\^[^|>]*)?(?:\|([^>]*))?>/g, (_m, name: string, label?: string) => label ?? `@${name}`)
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
}
