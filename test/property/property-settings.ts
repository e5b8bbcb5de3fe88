// One seed for every property test, so a run is reproducible: the same cases each time,
// and a failure prints the path to replay it. Change the seed to explore new cases.
export const SEED = 20261126;

/** Cases per property: docs/reliability.md quotes these figures. */
export const PROPERTY_RUNS = {
  normaliser: 2000,
  tokenizer: 3000,
  parser: 3000,
  commands: 600,
} as const;
