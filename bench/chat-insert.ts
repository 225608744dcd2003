// Usage: npx tsx bench/chat-insert.ts [--messages 4000] [--concurrency 6]
// What numbering each event's chat (the chat_seq migration's trigger) costs the busiest write:
// Podium's own INSERT … RETURNING on a pool as large as the live pool, against a scratch copy of the
// schema with the trigger and another without it (as before), on the same server in the same run,
// alternating rounds so that other load on the machine falls on both.
import { parseArgs } from "node:util";
import mariadb from "mariadb";
import { INSERT_CHAT } from "../lib/chat/post-chat-message";
import { dropDatabase } from "../lib/database-admin";
import { parseDatabaseUrl, withDatabase } from "../lib/database-url";
import { env } from "../lib/env";
import { applyMigrations } from "../lib/migrations/apply-migrations";
import { toSqlTime } from "../lib/sql-time";

const { values } = parseArgs({ options: { messages: { type: "string", default: "4000" }, concurrency: { type: "string", default: "6" }, rounds: { type: "string", default: "3" } } });
const MESSAGES = Number(values.messages);
const CONCURRENCY = Number(values.concurrency);
const ROUNDS = Number(values.rounds);

async function prepare(label: string, hasTrigger: boolean) {
  const url = withDatabase(env.DATABASE_URL, `podium_bench_chat_${label}_${Date.now()}`);
  await applyMigrations(url);
  const pool = mariadb.createPool({ ...parseDatabaseUrl(url), connectionLimit: CONCURRENCY });
  // The previous schema: no trigger and no (event_id, seq) index.
  if (!hasTrigger) {
    await pool.query("DROP TRIGGER chat_messages_take_seq");
    await pool.query("ALTER TABLE chat_messages DROP INDEX chat_messages_event_id_seq_key");
  }
  const [user] = await pool.query("INSERT INTO users (name, email, phone) VALUES ('Bench', 'bench@example.com', '1') RETURNING id");
  const [event] = await pool.query("SELECT id FROM events WHERE is_featured = true");
  return { url, pool, userId: user.id as number, eventId: event.id as number, seconds: [] as number[] };
}

/** MESSAGES inserts, CONCURRENCY at a time, each with a clientId as the pages send. */
async function round(target: Awaited<ReturnType<typeof prepare>>, tag: string) {
  const started = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < MESSAGES) {
        const index = next++;
        // Podium's own statement (lib/chat/post-chat-message.ts), on this target's pool.
        await target.pool.query(INSERT_CHAT, [target.eventId, target.userId, "Bench", `Message ${index}`, `${tag}-${index}`, toSqlTime(new Date())]);
      }
    }),
  );
  target.seconds.push((performance.now() - started) / 1_000);
}

const withSeq = await prepare("seq", true);
const without = await prepare("noseq", false);
try {
  for (let index = 0; index < ROUNDS; index++) {
    await round(without, `r${index}`);
    await round(withSeq, `r${index}`);
  }
  const [{ holes }] = await withSeq.pool.query("SELECT COUNT(*) - MAX(seq) AS holes FROM chat_messages WHERE event_id = ?", [withSeq.eventId]);
  const best = (seconds: number[]) => Math.min(...seconds);
  const rate = (seconds: number[]) => MESSAGES / best(seconds);
  console.log(`# Chat insert with and without the seq trigger`);
  console.log(`${MESSAGES} inserts × ${ROUNDS} rounds, ${CONCURRENCY} at a time, one event; best round of each:`);
  console.log(`| | messages/s | ms per insert (wall ÷ count × concurrency) |`);
  console.log(`| --- | ---: | ---: |`);
  console.log(`| without the trigger (previous schema) | ${rate(without.seconds).toFixed(0)} | ${((best(without.seconds) * 1_000 * CONCURRENCY) / MESSAGES).toFixed(2)} |`);
  console.log(`| with the trigger | ${rate(withSeq.seconds).toFixed(0)} | ${((best(withSeq.seconds) * 1_000 * CONCURRENCY) / MESSAGES).toFixed(2)} |`);
  console.log(`Ratio (with ÷ without), messages/s: ×${(rate(withSeq.seconds) / rate(without.seconds)).toFixed(2)}. Seq holes after ${MESSAGES * ROUNDS} inserts: ${Number(holes)}.`);
} finally {
  for (const target of [withSeq, without]) {
    await target.pool.end();
    await dropDatabase(target.url);
  }
}
