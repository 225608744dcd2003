import { expect } from "@playwright/test";
import { io, type Socket } from "socket.io-client";
import type { Ack, ChatMessageView, ClientToServerEvents, ServerToClientEvents } from "../lib/realtime/contract";
import { query } from "./database";
import { shownErrors } from "../scripts/server-action-form";
import { baseURL, registerOverHttp, sessionCookieOf, type RawResponse } from "./raw-http";

// What every hostile-input spec checks besides each answer: nothing leaked,
// nothing stored, and other people unaffected.

export type Client = Socket<ServerToClientEvents, ClientToServerEvents>;

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** What a response must never show: how the server is built or what failed inside it. */
const LEAKS: [string, RegExp][] = [
  ["a stack frame", /\bat (?:async )?(?:[^\s()]+ )?\(?(?:file:\/\/|node:|\/)[^\s()]*:\d+:\d+\)?/],
  ["the server's directory", new RegExp(escapeRegExp(process.cwd()))],
  ["node_modules", /node_modules/],
  ["a JavaScript error name", /\b(?:TypeError|RangeError|SyntaxError|ReferenceError|URIError|AggregateError)\b/],
  ["a database error", /\b(?:SqlError|ER_[A-Z_]{3,}|sqlState|SQLSTATE|Prisma\w*Error|PrismaClient|MariaDB|mariadb)\b/],
  ["a system error code", /\b(?:ECONNREFUSED|ECONNRESET|EPIPE|ETIMEDOUT)\b/],
];

/** The first internal detail found in a response, or null. */
export function internalDetailIn(text: string): string | null {
  for (const [what, pattern] of LEAKS) {
    const found = text.match(pattern);
    if (found) return `${what}: …${text.slice(Math.max(0, found.index! - 40), found.index! + 80)}…`;
  }
  return null;
}

/**
 * A refused form: the page again with the field's message, no session, nothing internal.
 * Soft, so one run lists every case that fails, not just the first.
 */
export function expectRefusedForm(response: RawResponse, message: string, label: string) {
  expect.soft(response.status, label).toBe(200);
  expect.soft(shownErrors(response.body), label).toContain(message);
  expect.soft(sessionCookieOf(response), label).toBeNull();
  expect.soft(internalDetailIn(response.body), label).toBeNull();
  // Whatever was typed comes back escaped, never as markup.
  expect.soft(response.body, label).not.toContain("<script>alert(1)</script>");
}

/** Rows in every table but the migrations' own, so a write anywhere is noticed. */
export async function countRows(): Promise<Record<string, number>> {
  const tables = await query<{ name: string }>("SELECT table_name AS name FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name <> '_prisma_migrations' ORDER BY table_name");
  const [counts] = await query<Record<string, bigint>>(`SELECT ${tables.map(({ name }) => `(SELECT COUNT(*) FROM \`${name}\`) AS \`${name}\``).join(", ")}`);
  return Object.fromEntries(Object.entries(counts).map(([name, count]) => [name, Number(count)]));
}

/** A socket.io-client connection with this cookie; resolves once connected (rejects on connect_error). */
export async function connectClient(cookie: string, surface = "speaker"): Promise<Client> {
  const client: Client = io(baseURL, { transports: ["websocket"], reconnection: false, extraHeaders: { cookie }, auth: { surface } });
  await new Promise<void>((resolve, reject) => {
    client.once("connect", resolve);
    client.once("connect_error", reject);
  });
  return client;
}

export const emitWithAck = (client: Client, event: string, ...args: unknown[]) =>
  (client.timeout(10_000).emitWithAck as (event: string, ...args: unknown[]) => Promise<Ack<Record<string, unknown>>>)(event, ...args);

/** Keeps to the chat rate limit (8 per 10 s) with room to spare. */
const BYSTANDER_INTERVAL_MS = 2_000;

/**
 * Two other attendees chatting while a corpus runs: one sends a message every
 * 2 s, the other must hear each one. Their sockets are on the speaker surface,
 * so they open no viewing session and add no rows but their own messages.
 */
export async function startBystander(address: string) {
  const [speaker, hearer] = await Promise.all([registerOverHttp("bystander", address), registerOverHttp("bystander-ear", address)]);
  const [sender, listener] = await Promise.all([connectClient(speaker.cookie), connectClient(hearer.cookie)]);
  const heard = new Set<string>();
  listener.on("chat", (message: ChatMessageView) => heard.add(message.text));
  const sent: { text: string; ack: Promise<Ack<Record<string, unknown>> | Error> }[] = [];
  const send = () => {
    const text = `bystander ${speaker.email} #${sent.length + 1}`;
    sent.push({ text, ack: emitWithAck(sender, "chat", { text }).catch((error: Error) => error) });
  };
  // The first message is stored before this returns, so a count taken next already holds it.
  send();
  expect(await sent[0].ack, "the bystander's first message").toMatchObject({ ok: true });
  const timer = setInterval(send, BYSTANDER_INTERVAL_MS);

  return {
    /** Rows the bystander added since it started (its chat messages), to leave out of "nothing stored". */
    ownRows: () => sent.length - 1,
    /** Stops after one last message, sent once the corpus is over; every message must have been acked and heard. */
    async finish() {
      clearInterval(timer);
      await new Promise((resolve) => setTimeout(resolve, BYSTANDER_INTERVAL_MS));
      send();
      try {
        for (const { text, ack } of sent) expect(await ack, `the bystander's "${text}"`).toMatchObject({ ok: true, message: { text } });
        await expect.poll(() => sent.filter(({ text }) => !heard.has(text)).map(({ text }) => text), { message: "bystander messages not heard" }).toEqual([]);
        expect(sent.length).toBeGreaterThanOrEqual(2);
      } finally {
        sender.close();
        listener.close();
      }
    },
  };
}
