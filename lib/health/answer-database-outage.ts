import { databaseFailureOf } from "./database-failure";
import { isDatabaseDown, noteDatabaseFailure } from "./database-health";

/**
 * Runs a server action's work so that a database outage is answered with the
 * form's own "couldn't … just now" state, never a raw 500. The outage page
 * (lib/http/outage-guard.ts) covers pages only; an action fails wherever it
 * first touches the database, most often in requireRole's session lookup
 * before its own try/catch. While the database is known to be down, the answer
 * comes at once instead of after the pool's 2 s wait. Anything else (a bug,
 * and Next's redirect and notFound, which are thrown) passes through.
 */
export async function answerDatabaseOutage<State>(notNow: () => NoInfer<State>, work: () => Promise<State>): Promise<State> {
  if (isDatabaseDown()) return notNow();
  const startedAt = Date.now();
  try {
    return await work();
  } catch (error) {
    if (databaseFailureOf(error) === null) throw error;
    console.error("A server action could not reach the database:", noteDatabaseFailure(error, startedAt));
    return notNow();
  }
}
