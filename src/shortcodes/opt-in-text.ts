// What a pre-approved US short code's opt-in website MUST show (the dashboard's rule): how
// many messages a day, how to opt out (STOP), how to get help (HELP), that message and
// data rates may apply, and links to the terms and conditions and the privacy policy.
// Worded as the dashboard's own example:
//   You will receive no more than 2 msgs/day. To opt-out at any time, send STOP to 98975.
//   To receive more information, send HELP to 98975. Message and Data Rates May Apply. The
//   terms and conditions can be viewed at <…>. Our Privacy Policy can be reviewed at <…>.

export interface OptInDetails {
  code: string;
  messagesPerDay: number;
  termsUrl: string;
  privacyUrl: string;
}

export function optInText({ code, messagesPerDay, termsUrl, privacyUrl }: OptInDetails): string {
  return [
    `You will receive no more than ${messagesPerDay} ${messagesPerDay === 1 ? "msg" : "msgs"}/day.`,
    `To opt-out at any time, send STOP to ${code}.`,
    `To receive more information, send HELP to ${code}.`,
    "Message and Data Rates May Apply.",
    `The terms and conditions can be viewed at <${termsUrl}>.`,
    `Our Privacy Policy can be reviewed at <${privacyUrl}>.`,
  ].join(" ");
}
