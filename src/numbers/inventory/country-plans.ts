// What the sandbox inventory sells in each country: the dialling code, and per number type
// the national number length, realistic leading digits, the feature sets numbers come
// with and the monthly price in EUR. Types a country does not sell are simply absent.
import type { NumberFeature, NumberType } from "../../providers/number-provider.ts";

export interface TypePlan {
  /** Digits after the country code. */
  nsnLength: number;
  /** Leading national digits of the ranges on sale. */
  leads: string[];
  /** The feature sets numbers of this type come with; each number gets one. */
  featureSets: NumberFeature[][];
  monthlyPrice: string;
}

export interface CountryPlan {
  dialCode: string;
  types: Partial<Record<NumberType, TypePlan>>;
}

const V: NumberFeature[] = ["VOICE"];
const SV: NumberFeature[] = ["SMS", "VOICE"];
const SVM: NumberFeature[] = ["SMS", "VOICE", "MMS"];
const S: NumberFeature[] = ["SMS"];

const plan = (nsnLength: number, leads: string[], featureSets: NumberFeature[][], monthlyPrice: string): TypePlan => ({
  nsnLength,
  leads,
  featureSets,
  monthlyPrice,
});

export const COUNTRY_PLANS: Record<string, CountryPlan> = {
  AT: { dialCode: "43", types: { landline: plan(10, ["1", "316", "512"], [V, SV], "1.50"), "mobile-lvn": plan(11, ["676", "664"], [SV], "3.00") } },
  AU: {
    dialCode: "61",
    types: {
      landline: plan(9, ["2", "3", "7", "8"], [V, SV], "4.50"),
      "mobile-lvn": plan(9, ["4"], [SV, S], "5.00"),
      "toll-free": plan(10, ["1800"], [V], "15.00"),
    },
  },
  BE: { dialCode: "32", types: { landline: plan(8, ["2", "3", "9"], [V], "1.20"), "mobile-lvn": plan(9, ["46", "47"], [SV], "4.00") } },
  BR: { dialCode: "55", types: { landline: plan(10, ["11", "21", "31"], [V], "4.00"), "mobile-lvn": plan(11, ["119", "219"], [SV], "6.00") } },
  CA: {
    dialCode: "1",
    types: {
      landline: plan(10, ["416", "604", "514"], [V, SV], "0.90"),
      "mobile-lvn": plan(10, ["647", "778", "438"], [SVM, SV], "0.90"),
      "toll-free": plan(10, ["800", "833"], [V, SV], "1.80"),
    },
  },
  CH: { dialCode: "41", types: { landline: plan(9, ["44", "22", "31"], [V], "4.00"), "toll-free": plan(9, ["800"], [V], "20.00") } },
  CZ: { dialCode: "420", types: { landline: plan(9, ["2", "5"], [V], "3.00"), "mobile-lvn": plan(9, ["60", "73"], [SV], "3.50") } },
  DE: {
    dialCode: "49",
    types: {
      landline: plan(10, ["30", "40", "89", "69"], [V], "0.90"),
      "mobile-lvn": plan(11, ["1511", "1521", "1577"], [SV, S], "4.50"),
      "toll-free": plan(10, ["800"], [V], "10.00"),
    },
  },
  DK: { dialCode: "45", types: { landline: plan(8, ["3", "8"], [V], "2.50"), "mobile-lvn": plan(8, ["2", "5"], [SV], "3.50") } },
  ES: {
    dialCode: "34",
    types: {
      landline: plan(9, ["91", "93", "96"], [V], "1.00"),
      "mobile-lvn": plan(9, ["6", "7"], [SV], "4.00"),
      "toll-free": plan(9, ["900"], [V], "12.00"),
    },
  },
  FI: { dialCode: "358", types: { landline: plan(9, ["9", "2"], [V], "4.00"), "mobile-lvn": plan(9, ["45", "50"], [SV], "3.00") } },
  FR: {
    dialCode: "33",
    types: {
      landline: plan(9, ["1", "4", "5"], [V, SV], "1.00"),
      "mobile-lvn": plan(9, ["6", "7"], [SV], "2.00"),
      "toll-free": plan(9, ["800", "805"], [V], "15.00"),
    },
  },
  GB: {
    dialCode: "44",
    types: {
      landline: plan(10, ["20", "161", "113", "121"], [V, SV], "0.70"),
      "mobile-lvn": plan(10, ["7700", "7451", "7520", "7860"], [SV, SVM], "0.85"),
      "toll-free": plan(10, ["800", "808"], [V], "8.00"),
    },
  },
  HK: { dialCode: "852", types: { landline: plan(8, ["2", "3"], [V], "8.00"), "mobile-lvn": plan(8, ["5", "6", "9"], [SV], "10.00") } },
  IE: {
    dialCode: "353",
    types: { landline: plan(9, ["1", "21"], [V], "1.50"), "mobile-lvn": plan(9, ["83", "87"], [SV], "3.00"), "toll-free": plan(9, ["1800"], [V], "12.00") },
  },
  IL: { dialCode: "972", types: { landline: plan(8, ["2", "3"], [V], "5.00"), "toll-free": plan(9, ["1800"], [V], "18.00") } },
  IT: { dialCode: "39", types: { landline: plan(10, ["02", "06"], [V], "2.00"), "mobile-lvn": plan(10, ["3", "34"], [SV], "5.00") } },
  JP: { dialCode: "81", types: { landline: plan(9, ["3", "6"], [V], "9.00"), "toll-free": plan(9, ["120"], [V], "25.00") } },
  MX: {
    dialCode: "52",
    types: { landline: plan(10, ["55", "33", "81"], [V], "3.00"), "mobile-lvn": plan(10, ["155", "133"], [SV], "5.00"), "toll-free": plan(10, ["800"], [V], "20.00") },
  },
  NL: {
    dialCode: "31",
    types: { landline: plan(9, ["20", "10", "70"], [V, SV], "1.00"), "mobile-lvn": plan(9, ["6"], [SV, S], "4.00"), "toll-free": plan(9, ["800"], [V], "10.00") },
  },
  NO: { dialCode: "47", types: { landline: plan(8, ["2", "5"], [V], "3.00"), "mobile-lvn": plan(8, ["4", "9"], [SV], "4.00") } },
  NZ: { dialCode: "64", types: { landline: plan(8, ["9", "4"], [V], "4.00"), "mobile-lvn": plan(9, ["21", "22"], [SV], "5.00") } },
  PL: { dialCode: "48", types: { landline: plan(9, ["22", "12"], [V], "2.00"), "mobile-lvn": plan(9, ["5", "6", "7"], [SV], "3.00") } },
  PT: { dialCode: "351", types: { landline: plan(9, ["21", "22"], [V], "1.50"), "mobile-lvn": plan(9, ["91", "93", "96"], [SV], "4.00") } },
  SE: {
    dialCode: "46",
    types: { landline: plan(9, ["8", "31", "40"], [V, SV], "1.50"), "mobile-lvn": plan(9, ["70", "72", "76"], [SV], "3.00"), "toll-free": plan(9, ["20"], [V], "12.00") },
  },
  SG: { dialCode: "65", types: { landline: plan(8, ["6"], [V], "6.00"), "mobile-lvn": plan(8, ["8", "9"], [SV], "8.00") } },
  US: {
    dialCode: "1",
    types: {
      landline: plan(10, ["212", "415", "312", "617", "206"], [V, SV], "0.90"),
      "mobile-lvn": plan(10, ["347", "646", "929", "628"], [SVM, SV], "0.90"),
      "toll-free": plan(10, ["800", "888", "877"], [SV, V], "1.80"),
    },
  },
  ZA: { dialCode: "27", types: { landline: plan(9, ["11", "21"], [V], "3.00"), "mobile-lvn": plan(9, ["82", "83"], [SV], "4.00") } },
};
