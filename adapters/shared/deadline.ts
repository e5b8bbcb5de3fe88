// Chat platforms want a first answer within seconds (Slack 3, Discord 3) while some work
// takes longer. Every surface answers the same way: with the result when it is ready in
// time, otherwise with a placeholder first and the result once it comes.

/** `{ value }` if `work` settles within `ms`, else undefined; the work carries on either way. */
export async function within<T>(work: Promise<T>, ms: number): Promise<{ value: T } | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<undefined>((resolve) => (timer = setTimeout(resolve, ms, undefined)));
  try {
    return await Promise.race([work.then((value) => ({ value })), late]);
  } finally {
    clearTimeout(timer);
  }
}

export interface DeadlineAnswer<T> {
  /** The result came in time: answer with it. */
  now(value: T): Promise<void>;
  /** It did not: acknowledge now (a "working on it" placeholder)... */
  defer(): Promise<void>;
  /** ...and answer with the result when it comes. */
  later(value: T): Promise<void>;
}

/** Answers with `work`'s result within `ms`, or defers and answers later; returns the result. */
export async function answerWithin<T>(work: Promise<T>, ms: number, answer: DeadlineAnswer<T>): Promise<T> {
  const early = await within(work, ms);
  if (early) {
    await answer.now(early.value);
    return early.value;
  }
  await answer.defer();
  const value = await work;
  await answer.later(value);
  return value;
}
