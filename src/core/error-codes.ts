// Every code a UserError may carry, each documented once: what happened and what the user
// does about it. A code is stable (adapters, logs, the audit trail and tests read it); the
// sentence the user sees is written at the throw site. `UserError` takes only these codes,
// and test/unit/error-codes.test.ts checks that every throw site's code is here and every
// code here is thrown somewhere.

export const ERROR_CODES = {
  // The dispatcher: typing, parsing, access and retries
  unknown_command: "No command has that name: `help` lists them, and the reply suggests close names.",
  incomplete_command: "A group's name was typed without an action: the reply lists the group's commands.",
  invalid_arguments: "Arguments are missing or invalid and no form can ask for them: the reply gives the usage.",
  unknown_option: "An option name the command does not take: the reply gives the usage.",
  duplicate_argument: "The same argument was given twice: give it once.",
  too_many_arguments: "More words than the command takes: quote text that contains spaces, or drop the extra words.",
  bad_quotes: "A quote was opened and not closed: close it and run the command again.",
  action_expired: "A button or form whose stored action has expired: run the command again.",
  card_number_in_chat: "Something typed looks like a card number and was refused unstored: add cards on the payment page (`billing methods add`).",
  rate_limited: "This user runs commands faster than the per-user limit: wait the time the reply says.",
  workspace_rate_limited: "The workspace runs commands faster than its shared limit: wait the time the reply says.",
  account_busy: "A money change could not lock the account after bounded retries; nothing was done: run it again.",
  busy_retry: "A transaction conflict escaped its own retries; it did not complete: run the command again.",
  database_unavailable: "The database could not be reached (a restart, a network cut, a full pool); the command did not complete: run it again once it is back.",
  not_found: "The thing named does not exist in this account: the hint says where to find the right name.",

  // Accounts, access and the workspace
  no_account: "The workspace has no account yet: create one with `account signup` or connect one with `account link`.",
  ambiguous_account: "The workspace uses several accounts and the channel has no default: add `account:<api key>` or run `account use`.",
  unknown_account: "`account:` names no account used in this workspace: the hint lists those that are.",
  not_a_member: "The person (the requester, or the one mentioned) is not a user of the account: invite them, or link an identity.",
  primary_only: "Only the account's primary user may do this: ask them, or have the primary role transferred.",
  missing_permission: "The requester lacks the permission the command needs: a primary user or a `users` holder grants it.",
  phone_in_use: "The phone number already belongs to another account's profile: remove it there first.",
  dashboard_only: "The API does not expose this: the reply names the dashboard page that does it.",

  // Users, invitations and linked identities
  already_member: "The person invited is already a user of the account: change their rights with `users permissions`.",
  invalid_user: "The text given is not a user mention: mention the person (@name).",
  remove_primary: "The primary user cannot be removed: transfer the primary role first (`users make-primary`).",
  unknown_permission: "A permission name that does not exist: the hint lists them.",
  mixed_permissions: "`users permissions` got both +/- changes and a plain list: use one form.",
  unknown_invite: "The invitation code is not valid for this person: invitations are personal, ask for one.",
  invite_answered: "The invitation was already accepted or declined: nothing more to do.",
  invite_expired: "The invitation has expired: ask for a new one.",
  already_linked: "The identity (or the Vonage account) is already linked: nothing to link again, or ask its primary user.",
  not_your_identity: "The identity named is not (or no longer) one of the requester's linked identities: `users unlink` lists them.",
  unlink_self: "An identity cannot unlink itself: run `users unlink` from another linked identity.",
  unknown_link_code: "The link code is not valid or was used: run `users link` again.",
  link_code_expired: "The link code is older than 15 minutes: run `users link` again.",
  unknown_link_request: "The identity-link request is closed or already completed: start over with `users link`.",
  not_your_link: "Only the two identities being linked can confirm a link request.",

  // Phone verification (sign-up and profile changes)
  no_verification: "No PIN is waiting to be checked: ask for one, or start with `account signup`.",
  wrong_pin: "The PIN is not right: the reply says how many attempts are left, or how to ask for a new PIN.",
  pin_expired: "The PIN is older than 5 minutes: ask for a new one.",
  pin_locked: "Too many wrong PINs for this request: ask for a new PIN.",
  pin_used: "The PIN was already used: nothing more to do.",

  // API secrets
  invalid_secret: "The API secret does not meet the rules (8 to 25 characters, lower and upper case and a digit): choose another.",
  too_many_secrets: "The account already has the most API secrets allowed: revoke one first.",
  last_secret: "The account's last API secret cannot be revoked: create another first.",
  unknown_secret: "No active API secret has that id: `account secret reveal` lists them.",
  api_key_in_use: "The API key given to `account link` belongs to a sandbox account: it cannot be linked as a Vonage account.",

  // Billing
  insufficient_balance: "The balance does not cover the charge: top up, turn on auto-reload, or pick something cheaper.",
  balance_empty: "The balance is zero or below, so the messaging API refuses use: top up.",
  no_payment_method: "The account has no payment method of the kind needed: add one with `billing methods add`.",
  unknown_method: "No payment method matches what was given: the hint lists the account's methods.",
  ambiguous_method: "Several payment methods match what was given: use one of the ids the hint lists.",
  payment_declined: "The payment was declined and nothing was charged: try another method or add one.",
  payment_in_progress: "An earlier attempt's payment is being confirmed with the processor by another run: it is charged once; run the command again to see the outcome.",
  invoice_not_ready: "The invoice waits for a card payment to settle: it can be downloaded once it is ready.",
  vonage_topup: "`billing topup` is for sandbox accounts: a Vonage account tops up with `vonage topup`.",
  invalid_range: "The start of a period is after its end: swap them.",
  range_too_long: "The period is longer than a query may cover: choose a shorter range.",

  // Demo mode
  demo_limit: "DEMO mode allows only a few destination numbers: remove one, or leave DEMO mode with a first payment.",
  demo_destination: "In DEMO mode messages go only to verified numbers: verify the number, or leave DEMO mode with a first payment.",

  // Numbers
  invalid_number: "The phone number is not in international format: give it with its country code (+447700900123).",
  no_inventory: "The sandbox inventory has no numbers for that country: the hint lists the countries.",
  no_such_type: "The country has no numbers of that type on sale: the hint lists the types it has.",
  not_on_sale: "The number is not in the sandbox inventory: rent one that `numbers search` lists.",
  not_available: "The number is already rented or not on sale: rent one that `numbers search` lists.",
  number_taken: "Someone else rented the number a moment ago: search again.",
  number_unavailable: "The provider no longer offers the number: search again and pick another.",
  already_yours: "The account already rents the number; nothing was charged again.",
  number_already_owned: "The number is already on this Vonage account: see it with `numbers list`.",
  not_your_number: "The number is not one of the account's numbers: `numbers list` shows them.",
  number_not_owned: "The number is not one of the account's numbers: `numbers list` shows them.",
  not_owned: "The number is not one of the Vonage account's numbers: `numbers list` shows them.",
  numbers_unavailable: "Numbers of this account's provider cannot be managed from Switchboard yet: use the provider's dashboard.",
  secrets_unavailable: "API secrets of this account's provider cannot be managed from Switchboard yet: use the provider's dashboard.",
  usage_unavailable: "Usage records of this account's provider cannot be read from Switchboard yet: use the provider's dashboard.",
  invalid_url: "A webhook value is not a web address: give a full URL, or `none` to clear it.",
  invalid_application: "The application id is not one: give an id like aaaaaaaa-bbbb-cccc-dddd-0123456789ab, or `none`.",
  application_or_urls: "Both an application and voice URLs were given: give one or the other.",
  vonage_voice_url: "On Vonage a voice answer URL belongs to an Application: set it there and link the application to the number.",
  webhook_not_live: "A changed webhook URL did not answer a GET with 2xx in time (or is a refused address); nothing was saved.",
  shortcodes_unavailable: "A Vonage account's shared short codes are set up in the dashboard, not through the API.",

  // Alerts
  bad_threshold: "The threshold is not an amount in euros above zero: give one such as 20 or 7.50.",
  bad_mention: "The mention is not one the chat writes (@name): mention a user, group or role, or leave it out.",
  bad_channel: "The text does not look like a channel: mention it (#channel) or give its id.",
  channel_name: "A channel's name was typed instead of the channel: pick it with # so the chat links it, or give its id.",
  foreign_channel: "Alerts can only be posted into channels of the workspace the command is typed in.",
  two_channels: "The channel was given twice (last word and `channel:`): give it once.",
  duplicate_alert: "The channel already has an alert at that threshold: remove it to change it.",
  too_many_alerts: "The account has the most balance alerts allowed: remove one first.",
  no_events: "`alerts subscribe` needs event names or groups: say which events to post.",
  unknown_event: "A word is not an account event or group: the hint lists them.",
  bad_time: "The text is not a 24-hour time of day: use times such as 22:00 or 7:30.",
  bad_time_zone: "The text is not an IANA time zone: use a name such as Europe/London or UTC.",
  empty_quiet_hours: "Quiet hours that start and end at the same time: give two different times.",
  alert_busy: "The alert changed while the button was pressed: try again.",
  not_firing: "The alert is not firing, so there is nothing to acknowledge: `alerts list` shows its state.",

  // Usage
  period_too_long: "Vonage's Reports API is read day by day and the period has more days than Switchboard reads at once: choose a shorter one.",

  // The sandbox
  not_sandbox: "The command simulates the sandbox platform and the account is a real Vonage account.",
  advance_too_far: "The sandbox clock moves at most one year at a time: advance in steps.",

  // Vonage accounts and subaccounts
  vonage_only: "The feature works on Vonage accounts and this is a sandbox account: connect one with `account link`.",
  vonage_not_linked: "The account has lost its Vonage credentials: its primary user links it again with `account link`.",
  vonage_not_configured: "This Switchboard runs without a Vonage connection: whoever runs it wires the Vonage provider in.",
  topup_reference_needed: "Vonage tops up by repeating a known payment: give its reference once with `vonage topup trx:<reference>`.",
  same_account: "A transfer from an account to itself: give the other account with `from:` or `to:`.",
  country_needed: "Switchboard cannot tell the number's country: add `country:<two letters>`.",
  vonage_bad_credentials: "Vonage did not accept the API key and secret: copy both from the dashboard's API settings.",
  vonage_credentials_revoked: "Vonage refused the stored credentials (the secret was revoked or changed): the primary user relinks with `account link`.",
  vonage_auto_reload_off: "Vonage tops up only accounts with auto-reload enabled: turn it on in the dashboard.",
  vonage_rate_limited: "Vonage says it gets too many requests: retry after the seconds the reply says.",
  balance_too_low: "Vonage says the balance does not cover it: top up, then try again.",
  vonage_method_failed: "Vonage refused the change (420 method failed): check the details; some changes are dashboard-only.",
  subaccounts_not_enabled: "The Subaccounts API is not enabled for this Vonage account: Vonage enables it on request.",
  vonage_unprovisioned: "The Vonage account is not enabled for this: ask Vonage support.",
  vonage_forbidden: "Vonage does not allow this account to do that.",
  vonage_rejected: "Vonage refused the transfer: the reply gives Vonage's reason.",
  vonage_invalid_request: "Vonage refused the request as invalid: the reply gives Vonage's reason.",
  vonage_conflict: "Vonage reports a conflict with the account's current state: the reply gives Vonage's words.",
  vonage_timeout: "Vonage did not answer in time: reads can be retried; a change may or may not have applied, so check first.",
  purchase_not_confirmed: "Vonage did not confirm a purchase in time and the number is not on the account: it was not bought, try again.",
  purchase_outcome_unknown: "Vonage did not answer and Switchboard could not check the purchase: run `numbers list` before trying again.",
  vonage_unavailable: "Vonage could not be reached or had an error: try again in a minute.",
  vonage_error: "Vonage answered in a way Switchboard did not understand: try again, and check the dashboard if it persists.",
  vonage_not_found: "Vonage could not find what was named.",
  number_not_found: "Vonage could not transfer the number: it is not on the account it should come from (check `from:` and the country).",
  unknown_subaccount: "Vonage found no such subaccount: `subaccounts list` shows their API keys.",

  // Spend guardrails and approvals
  spend_limit_topup: "The day's top-ups would pass the account's daily limit: the reply says how much is left; the primary user can raise it with `billing limits`.",
  spend_limit_rent: "The account has rented as many numbers in the last hour as its limit allows: wait, or the primary user raises it with `billing limits`.",
  self_approval: "The one who asked for a spend tried to approve or deny it: a second user decides.",
  approval_decided: "The approval request was already approved, denied, used or expired: `approvals list` shows its state.",
} as const satisfies Record<string, string>;

/** A stable identifier of a user error: one of the catalogue's codes. */
export type ErrorCode = keyof typeof ERROR_CODES;
