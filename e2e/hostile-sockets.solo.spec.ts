import { expect, test } from "@playwright/test";
import type { QuestionView } from "../lib/realtime/contract";
import { query } from "./database";
import { BAD_IDS, CONTROL, INVISIBLE, LITERAL, MB, WRONG_SHAPES } from "./hostile-corpus";
import { connectClient, countRows, emitWithAck, internalDetailIn, startBystander, type Client } from "./hostile-checks";
import { inBatches, ownAddress, registerOverHttp, signInOverHttp } from "./raw-http";
import { E2E_STAFF } from "./staff-accounts";

// Every client event of the live room, sent hostile payloads by a real
// socket.io-client against the real server and database. Solo: it counts
// every row in the database.

type Case = { label: string; client: Client; event: string; args: unknown[]; error: string };

/** Opens the person's viewing session and waits until it is written, so a later count is not thrown by it. */
async function openViewingSession(cookie: string, userId: number) {
  const client = await connectClient(cookie, "watch");
  await expect.poll(async () => (await query("SELECT id FROM session_analytics WHERE user_id = ?", [userId])).length, { timeout: 10_000 }).toBe(1);
  return client;
}

/** Records what the room broadcasts about the corpus's people, which must be nothing while they are refused. */
function witness(client: Client, actorIds: number[]) {
  const heard: string[] = [];
  client.on("chat", (message) => actorIds.includes(message.userId) && heard.push(`chat ${message.text.slice(0, 40)}`));
  client.on("question", (question) => heard.push(`question ${question.id} ${question.status}`));
  client.on("chat:hidden", ({ id }) => heard.push(`hidden ${id}`));
  client.on("vote", ({ id }) => heard.push(`vote ${id}`));
  return heard;
}

test("every socket event answers hostile payloads with an error ack, and stores and broadcasts nothing", async () => {
  const address = ownAddress();
  const bystander = await startBystander(address);
  const viewer = await registerOverHttp("socket-corpus", address);
  const viewerClient = await openViewingSession(viewer.cookie, viewer.id);
  const moderator = await connectClient(await signInOverHttp(E2E_STAFF.moderator, address), "mod");
  const heard = witness(moderator, [viewer.id]);
  const before = await countRows();

  const textCases = (event: "chat" | "ask"): Case[] => [
    ...Object.entries(WRONG_SHAPES).map(([label, payload]) => ({ label, args: payload === undefined ? [] : [payload] })),
    ...Object.entries({ ...INVISIBLE, ...CONTROL }).map(([label, text]) => ({ label: `text of ${label}`, args: [{ text }] })),
    ...Object.entries({ "a number": 42, "null": null, "an array": ["hi"], "an object": { text: "hi" } }).map(([label, text]) => ({ label: `text as ${label}`, args: [{ text }] })),
    { label: "501 characters", args: [{ text: "x".repeat(501) }] },
    { label: "501 emoji", args: [{ text: "🎤".repeat(501) }] },
    { label: "just under 1 MB of text", args: [{ text: "y".repeat(999_000) }] },
    { label: "an extra key", args: [{ text: "hi", extra: true }] },
    { label: "a 100 kB key", args: [{ text: "hi", ["k".repeat(100_000)]: 1 }] },
    { label: "a __proto__ key", args: [JSON.parse('{"text":"hi","__proto__":{"isAdmin":true}}')] },
  ].map((item) => ({ ...item, label: `${event}: ${item.label}`, client: viewerClient, event, error: "invalid" }));

  const idCases = (event: string, client: Client, error: string): Case[] =>
    [...Object.entries(WRONG_SHAPES).map(([label, payload]) => ({ label, args: payload === undefined ? [] : [payload] })), ...Object.entries(BAD_IDS).map(([label, id]) => ({ label: `id ${label}`, args: [{ id }] })), { label: "an extra key", args: [{ id: 1, extra: 1 }] }].map(
      (item) => ({ ...item, label: `${event} (${error}): ${item.label}`, client, event, error }),
    );

  const cases: Case[] = [
    ...textCases("chat"),
    ...textCases("ask"),
    ...[["../../etc/passwd"], [1], ["x".repeat(65)], [""], ["a b"], ["\u0000"], [{ $ne: null }]].map(([clientId]) => ({ label: `chat: clientId ${JSON.stringify(clientId).slice(0, 20)}`, client: viewerClient, event: "chat", args: [{ text: "hi", clientId }], error: "invalid" })),
    ...idCases("upvote", viewerClient, "invalid"),
    ...[["no payload", undefined], ["null", null], ["a string seq", { seq: "1" }], ["a negative seq", { seq: -1 }], ["a fractional seq", { seq: 1.5 }], ["a seq of 1e308", { seq: 1e308 }], ["an extra key", { seq: 1, extra: 1 }], ["an array", [1]]].map(([label, payload]) => ({
      label: `chat:since: ${label}`,
      client: viewerClient,
      event: "chat:since",
      args: payload === undefined ? [] : [payload],
      error: "invalid",
    })),
    // A viewer's moderation is refused for the role before the payload is even read.
    ...["approve", "reject", "answer", "hide"].flatMap((event) => [{ label: `${event} by a viewer, a bad id`, client: viewerClient, event, args: [{ id: -1 }], error: "forbidden" }, { label: `${event} by a viewer, no payload`, client: viewerClient, event, args: [], error: "forbidden" }]),
    ...["approve", "reject", "answer", "hide"].flatMap((event) => idCases(event, moderator, "invalid")),
    ...["approve", "reject", "answer", "hide", "upvote"].map((event) => ({ label: `${event}: an id that does not exist`, client: event === "upvote" ? viewerClient : moderator, event, args: [{ id: 2_000_000_000 }], error: "not_found" })),
    ...[["an extra key", { extra: 1 }], ["null", null], ["a string", "now"], ["a number", 1], ["an array", []]].map(([label, payload]) => ({ label: `ping: ${label}`, client: viewerClient, event: "ping", args: [payload], error: "invalid" })),
    { label: "ping from a moderator", client: moderator, event: "ping", args: [{}], error: "forbidden" },
    ...["teleport", "x".repeat(100_000), "__proto__", "constructor", "hasOwnProperty", "toString", "error", "chat ", "CHAT", "\u202Echat", "<script>alert(1)</script>", "\u0000\u0007"].map((event) => ({
      label: `unknown event ${JSON.stringify(event).slice(0, 30)}`,
      client: viewerClient,
      event,
      args: [{ text: "hi" }],
      error: "unknown_event",
    })),
  ];

  await inBatches(cases, 4, async ({ label, client, event, args, error }) => {
    const ack = (await emitWithAck(client, event, ...args)) as { ok: boolean; error?: string; message?: string };
    expect.soft(ack, label).toEqual({ ok: false, error, message: expect.any(String) });
    expect.soft(ack.message!.length, `${label}: a short sentence, not the payload echoed`).toBeLessThanOrEqual(120);
    expect.soft(ack.message, label).toMatch(/^[^\p{C}]+$/u);
    expect.soft(internalDetailIn(ack.message!), label).toBeNull();
  });
  expect(viewerClient.connected && moderator.connected).toBe(true);

  // A marker after the corpus: once the moderator hears it, any broadcast the refusals caused would have arrived too.
  const marker = await emitWithAck(viewerClient, "chat", { text: "marker after the corpus" });
  expect(marker).toMatchObject({ ok: true });
  await expect.poll(() => heard).toEqual(["chat marker after the corpus"]);
  const [{ total }] = await query<{ total: number }>("SELECT total_minutes AS total FROM session_analytics WHERE user_id = ?", [viewer.id]);
  expect(Number(total), "no hostile ping was credited").toBe(0);

  await bystander.finish();
  expect(await countRows()).toEqual({ ...before, chat_messages: before.chat_messages + bystander.ownRows() + 1 });
  for (const client of [viewerClient, moderator]) client.close();
});

test("chat and questions store markup, SQL, right-to-left text and emoji exactly as they will show", async () => {
  const address = ownAddress();
  const person = await registerOverHttp("socket-literal", address);
  const client = await connectClient(person.cookie);
  for (const [label, { sent, stored }] of Object.entries(LITERAL)) {
    const ack = (await emitWithAck(client, "chat", { text: sent })) as { ok: boolean; message: { id: number; text: string } };
    expect.soft(ack, label).toMatchObject({ ok: true, message: { text: stored } });
    const [row] = await query<{ message: string }>("SELECT message FROM chat_messages WHERE id = ?", [ack.message.id]);
    expect.soft(row.message, label).toBe(stored);
  }
  for (const label of ["a script tag", "a right-to-left override"]) {
    const ack = (await emitWithAck(client, "ask", { text: LITERAL[label].sent })) as { ok: boolean; question: QuestionView };
    expect.soft(ack, label).toMatchObject({ ok: true, question: { text: LITERAL[label].stored, status: "pending" } });
  }
  const lines = (await emitWithAck(client, "ask", { text: "first line\r\nsecond line\rthird" })) as { ok: boolean; question: QuestionView };
  expect(lines.question.text).toBe("first line\nsecond line\nthird");
  client.close();
});

test("payloads over 1 MB close only the sender's connection", async () => {
  const address = ownAddress();
  const bystander = await startBystander(address);
  const person = await registerOverHttp("socket-oversize", address);
  const before = await countRows();
  for (const size of [MB, 10 * MB]) {
    const client = await connectClient(person.cookie);
    const closed = new Promise<string>((resolve) => client.once("disconnect", (reason) => resolve(reason)));
    // No ack: the server closes the connection instead of answering.
    (client.emit as (event: string, payload: unknown) => void)("chat", { text: "z".repeat(size) });
    expect.soft(await closed, `${size / MB} MB`).toBe("transport close");
  }
  // The same person connects again at once: nothing about them was marked.
  const again = await connectClient(person.cookie);
  expect(await emitWithAck(again, "chat", { text: "back after the big ones" })).toMatchObject({ ok: true });
  again.close();
  await bystander.finish();
  expect(await countRows()).toEqual({ ...before, chat_messages: before.chat_messages + bystander.ownRows() + 1 });
});
