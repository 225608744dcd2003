// Runs one task at a time per user inside this process, so two tabs joining at
// the same instant cannot both open a viewing session. (Podium runs as one
// process; the crediting UPDATE itself is also conditional, so it stays exact
// even without this.)
const tails = new Map<number, Promise<unknown>>();

export async function withUserLock<Result>(userId: number, task: () => Promise<Result>): Promise<Result> {
  const previous = tails.get(userId) ?? Promise.resolve();
  const run = previous.then(task, task);
  const tail = run.catch(() => undefined);
  tails.set(userId, tail);
  try {
    return await run;
  } finally {
    if (tails.get(userId) === tail) tails.delete(userId);
  }
}
