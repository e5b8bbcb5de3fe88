// The numbers port for linked Vonage accounts, on the SDK number operations (vonage-numbers.ts).
// Vonage charges the rent and renews numbers itself: Switchboard's ledger and renewals job
// do not apply, and the owned list carries no price or renewal date.
import { Decimal } from "../../src/core/money.ts";
import { UserError } from "../../src/core/errors.ts";
import type { AccountRecord } from "../../src/accounts/directory.ts";
import { COUNTRY_PLANS } from "../../src/numbers/inventory/country-plans.ts";
import type {
  AvailableNumber,
  NumberConfig,
  NumberFeature,
  NumberProvider,
  NumberSearchQuery,
  NumberSearchResult,
  NumberType,
  OwnedNumber,
} from "../../src/providers/number-provider.ts";
import type { VonageAccess, VonageBalance, VonageCredentials } from "../../src/providers/vonage-gateway.ts";
import type { VonageNumbers, VonageNumberType, VonageOwnedNumber } from "./vonage-numbers.ts";

/** What the provider needs of one Vonage account: its number operations and its balance. */
export interface VonageNumbersConnection {
  numbers: VonageNumbers;
  balance(): Promise<VonageBalance>;
}

const toVonageType = (type: NumberType): VonageNumberType => (type === "toll-free" ? "landline-toll-free" : type);
const fromVonageType = (type: string): NumberType => (type === "landline-toll-free" ? "toll-free" : (type as NumberType));
const features = (list: string[]) => list.filter((f): f is NumberFeature => ["SMS", "VOICE", "MMS"].includes(f));

/** Vonage does not say what an owned number costs: shown as "set by Vonage". */
export const PRICE_UNKNOWN = new Decimal(NaN);

/** The country of an international number, by the longest known calling code. */
export function countryOf(msisdn: string): string | undefined {
  return Object.entries(COUNTRY_PLANS)
    .filter(([, plan]) => msisdn.startsWith(plan.dialCode))
    .sort((a, b) => b[1].dialCode.length - a[1].dialCode.length)[0]?.[0];
}

function owned(number: VonageOwnedNumber): OwnedNumber {
  return {
    msisdn: number.msisdn,
    country: number.country,
    type: fromVonageType(number.type),
    features: features(number.features),
    monthlyPrice: PRICE_UNKNOWN,
    config: {
      smsWebhookUrl: number.inboundSmsUrl ?? null,
      voiceAnswerUrl: null,
      voiceEventUrl: number.voiceStatusUrl ?? null,
      applicationId: number.applicationId ?? null,
    },
  };
}

export class VonageNumberProvider implements NumberProvider {
  readonly name = "vonage";

  constructor(
    private readonly access: VonageAccess,
    private readonly connect: (credentials: VonageCredentials) => Promise<VonageNumbersConnection>,
  ) {}

  private async connection(account: AccountRecord): Promise<VonageNumbersConnection> {
    return this.connect(await this.access.credentials(account));
  }

  private async ops(account: AccountRecord): Promise<VonageNumbers> {
    return (await this.connection(account)).numbers;
  }

  async search(account: AccountRecord, query: NumberSearchQuery): Promise<NumberSearchResult> {
    const page = await (await this.ops(account)).search({
      country: query.country,
      type: query.type ? toVonageType(query.type) : undefined,
      features: query.features,
      pattern: query.pattern,
      match: query.match ?? (query.pattern ? "contains" : undefined),
      size: query.pageSize,
      index: query.page,
    });
    return {
      total: page.count,
      numbers: page.numbers.map((n) => ({
        msisdn: n.msisdn,
        country: n.country,
        type: fromVonageType(n.type),
        features: features(n.features),
        monthlyPrice: n.monthlyCost,
      })),
    };
  }

  async available(account: AccountRecord, msisdn: string): Promise<AvailableNumber | undefined> {
    const country = countryOf(msisdn);
    if (!country) return undefined;
    const result = await this.search(account, { country, pattern: msisdn, match: "starts", page: 1, pageSize: 10 });
    return result.numbers.find((n) => n.msisdn === msisdn);
  }

  async balance(account: AccountRecord): Promise<Decimal> {
    return (await (await this.connection(account)).balance()).value;
  }

  async rent(account: AccountRecord, msisdn: string): Promise<OwnedNumber> {
    const offer = await this.available(account, msisdn);
    if (!offer) throw new UserError("number_unavailable", `${msisdn} is no longer available at Vonage.`, { hint: "Search again." });
    const ops = await this.ops(account);
    await ops.buy({ msisdn, country: offer.country, expectedMonthlyCost: offer.monthlyPrice });
    const bought = await ops.findOwned(msisdn);
    return bought ? { ...owned(bought), monthlyPrice: offer.monthlyPrice } : { ...offer, config: {} };
  }

  async list(account: AccountRecord): Promise<OwnedNumber[]> {
    const ops = await this.ops(account);
    const all: OwnedNumber[] = [];
    for (let index = 1; ; index++) {
      const page = await ops.listOwned({ size: 100, index });
      all.push(...page.numbers.map(owned));
      if (page.numbers.length < 100 || all.length >= page.count) return all;
    }
  }

  async find(account: AccountRecord, msisdn: string): Promise<OwnedNumber | undefined> {
    const number = await (await this.ops(account)).findOwned(msisdn);
    return number ? owned(number) : undefined;
  }

  async configure(account: AccountRecord, msisdn: string, config: NumberConfig): Promise<OwnedNumber> {
    if (config.voiceAnswerUrl) {
      throw new UserError("vonage_voice_url", "On Vonage, a voice answer URL belongs to an Application, not to the number.", {
        hint: "Set the Application's answer URL in the Vonage dashboard, then link it here with `application:<application id>`.",
      });
    }
    const ops = await this.ops(account);
    const current = await ops.findOwned(msisdn);
    if (!current) throw notOwned(msisdn);
    const updated = await ops.update({
      msisdn,
      country: current.country,
      inboundSmsUrl: config.smsWebhookUrl === undefined ? undefined : (config.smsWebhookUrl ?? ""),
      voiceStatusUrl: config.voiceEventUrl === undefined ? undefined : (config.voiceEventUrl ?? ""),
      applicationId: config.applicationId ?? undefined,
    });
    return owned(updated);
  }

  async cancel(account: AccountRecord, msisdn: string): Promise<OwnedNumber> {
    const ops = await this.ops(account);
    const current = await ops.findOwned(msisdn);
    if (!current) throw notOwned(msisdn);
    await ops.cancel({ msisdn, country: current.country });
    return owned(current);
  }
}

const notOwned = (msisdn: string) =>
  new UserError("not_owned", `${msisdn} is not one of this Vonage account's numbers.`, { hint: "See them with `numbers list`." });
