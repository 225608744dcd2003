import { expect, test } from "@playwright/test";
import type { Ack, ChatMessageView, QuestionView, RoomStats } from "../lib/realtime/contract";
import { query } from "./database";
import { createAttendee, createEvent, type TestEvent } from "./events";
import { connect, cookieFor, staffCookie, type Client } from "./room-client";

// Two events live at the same time, each with its own viewers, moderator and
// speaker, spoken to over the documented socket contract: nothing one event
// does reaches the other, and nobody can act on the other's items by id.

type Heard = { chat: ChatMessageView[]; question: QuestionView[]; vote: { id: number }[]; stats: RoomStats[] };

function listen(client: Client): Heard {
  const heard: Heard = { chat: [], question: [], vote: [], stats: [] };
  client.on("chat", (message) => heard.chat.push(message));
  client.on("question", (question) => heard.question.push(question));
  client.on("vote", (vote) => heard.vote.push(vote));
  client.on("stats", (stats) => heard.stats.push(stats));
  return heard;
}

const emit = (client: Client, event: string, payload: unknown) => (client.timeout(10_000).emitWithAck as (event: string, payload: unknown) => Promise<Ack<Record<string, unknown>>>)(event, payload);

/** Both events' rooms: two attendees each, one attendee in both, a moderator and a speaker on each. */
async function twoRooms() {
  const [first, second] = [await createEvent("first"), await createEvent("second")];
  const [a1, a2, b1, both] = [await createAttendee([first]), await createAttendee([first]), await createAttendee([second]), await createAttendee([first, second], "Both")];
  const join = async (event: TestEvent, userId: number) => (await connect(await cookieFor({ userId }), "watch", event.slug)).client;
  const room = async (event: TestEvent, attendees: { id: number }[]) => {
    const viewers = await Promise.all(attendees.map((person) => join(event, person.id)));
    const moderator = (await connect(await staffCookie("moderator"), "mod", event.slug)).client;
    const speaker = (await connect(await staffCookie("speaker"), "speaker", event.slug)).client;
    return { event, viewers, moderator, speaker, heard: { viewers: viewers.map(listen), moderator: listen(moderator), speaker: listen(speaker) } };
  };
  const rooms = { first: await room(first, [a1, a2, both]), second: await room(second, [b1, both]) };
  const close = () => [...Object.values(rooms)].forEach((each) => [...each.viewers, each.moderator, each.speaker].forEach((client) => client.close()));
  return { ...rooms, people: { a1, a2, b1, both }, close };
}

test("chat, questions, votes and counts stay in their own event, and another event's ids are not found", async () => {
  const { first, second, people, close } = await twoRooms();
  try {
    // Chat in the first reaches its room only.
    const chat = await emit(first.viewers[0], "chat", { text: "Only for the first event" });
    expect(chat.ok).toBe(true);
    const message = (chat as unknown as { message: ChatMessageView }).message;
    await expect.poll(() => first.heard.viewers[1].chat.map((heard) => heard.id)).toContain(message.id);
    await expect.poll(() => first.heard.moderator.chat.length).toBe(1);

    // A question in the first: its moderator sees it pending; the second's moderator and the asker's other event do not.
    const asked = (await emit(first.viewers[2], "ask", { text: "A question for the first talk?" })) as { ok: true; question: QuestionView };
    expect(asked.ok).toBe(true);
    await expect.poll(() => first.heard.moderator.question.map((question) => question.id)).toContain(asked.question.id);

    // The second's moderator, speaker and the attendee's own socket in the second cannot act on it or on the message.
    for (const [client, event] of [
      [second.moderator, "approve"],
      [second.moderator, "reject"],
      [second.moderator, "hide"],
      [second.speaker, "answer"],
      [second.viewers[1], "upvote"],
    ] as const) {
      const id = event === "hide" ? message.id : asked.question.id;
      expect(await emit(client, event, { id }), `${event} from the second event`).toMatchObject({ ok: false, error: "not_found" });
    }
    const [stored] = await query<{ status: string; votes: number }>("SELECT status, votes FROM questions WHERE id = ?", [asked.question.id]);
    expect(stored).toEqual({ status: "pending", votes: 0 });
    const [hidden] = await query<{ is_hidden: number }>("SELECT is_hidden FROM chat_messages WHERE id = ?", [message.id]);
    expect(Number(hidden.is_hidden)).toBe(0);

    // Approved and voted on in its own event: the vote's echo reaches the voter's socket there, not in the second.
    expect(await emit(first.moderator, "approve", { id: asked.question.id })).toMatchObject({ ok: true });
    expect(await emit(first.viewers[2], "upvote", { id: asked.question.id })).toMatchObject({ ok: true, hasVoted: true });
    await expect.poll(() => first.heard.speaker.question.some((question) => question.id === asked.question.id && question.votes === 1)).toBe(true);
    await expect.poll(() => first.heard.viewers[2].vote.length).toBe(1);

    // The second room's own traffic, for contrast, then nothing of the first's reached it.
    expect(await emit(second.viewers[0], "chat", { text: "Only for the second event" })).toMatchObject({ ok: true });
    await expect.poll(() => second.heard.viewers[1].chat.length).toBe(1);
    for (const heard of [...second.heard.viewers, second.heard.moderator, second.heard.speaker]) {
      expect(heard.chat.map((each) => each.text)).not.toContain("Only for the first event");
      expect(heard.question).toEqual([]);
      expect(heard.vote).toEqual([]);
    }
    expect(first.heard.viewers.flatMap((heard) => heard.chat.map((each) => each.text))).not.toContain("Only for the second event");

    // A new joiner of each gets its own event's history and questions only.
    const late = await connect(await cookieFor({ userId: people.both.id }), "watch", second.event.slug);
    expect(late.state.event.slug).toBe(second.event.slug);
    expect(late.state.chat.map((each) => each.text)).toEqual(["Only for the second event"]);
    expect(late.state.questions).toEqual([]);
    expect(late.state.myQuestions).toEqual([]);
    expect(late.state.myVotes).toEqual([]);
    late.client.close();
    const again = await connect(await cookieFor({ userId: people.both.id }), "watch", first.event.slug);
    expect(again.state.chat.map((each) => each.text)).toEqual(["Only for the first event"]);
    expect(again.state.myQuestions.map((question) => question.id)).toEqual([asked.question.id]);
    expect(again.state.myVotes).toEqual([asked.question.id]);
    again.client.close();

    // "Viewers connected" counts each event's own audience: 3 people in the first, 2 in the second.
    const firstStats = await connect(await staffCookie("moderator"), "mod", first.event.slug);
    const secondStats = await connect(await staffCookie("moderator"), "mod", second.event.slug);
    expect(firstStats.state.stats).toEqual({ viewersConnected: 3, pendingQuestions: 0 });
    expect(secondStats.state.stats).toEqual({ viewersConnected: 2, pendingQuestions: 0 });
    firstStats.client.close();
    secondStats.client.close();
  } finally {
    close();
  }
});

test("watch time is per person per event: one person watching both earns each event's minutes separately", async () => {
  const [first, second] = [await createEvent("minutes-a"), await createEvent("minutes-b")];
  const person = await createAttendee([first, second]);
  const cookie = await cookieFor({ userId: person.id });
  const clients = [(await connect(cookie, "watch", first.slug)).client, (await connect(cookie, "watch", second.slug)).client];
  try {
    // The end-to-end server counts a minute per 2 s (HEARTBEAT_SECONDS=2). Ping both every interval, and the first twice.
    const credited = { first: 0, second: 0 };
    for (let round = 0; round < 4; round++) {
      await new Promise((resolve) => setTimeout(resolve, 2_050));
      const acks = await Promise.all([emit(clients[0], "ping", {}), emit(clients[0], "ping", {}), emit(clients[1], "ping", {})]);
      for (const [index, ack] of acks.entries()) expect(ack.ok, `ping ${index} in round ${round}`).toBe(true);
      credited.first += acks.slice(0, 2).filter((ack) => ack.ok && ack.isCredited).length;
      credited.second += acks[2].ok && acks[2].isCredited ? 1 : 0;
    }
    const sessions = await query<{ event_id: number; total_minutes: number }>("SELECT event_id, total_minutes FROM session_analytics WHERE user_id = ? ORDER BY event_id", [person.id]);
    expect(sessions.map((row) => row.event_id)).toEqual([first.id, second.id]);
    // Each event: at most one minute per interval, however many tabs, and never the other event's.
    for (const [index, row] of sessions.entries()) {
      expect(row.total_minutes).toBe(index === 0 ? credited.first : credited.second);
      expect(row.total_minutes).toBeGreaterThanOrEqual(3);
      expect(row.total_minutes).toBeLessThanOrEqual(4);
    }
  } finally {
    clients.forEach((client) => client.close());
  }
});

test("the handshake names the event: unknown, archived or not a slug is not_found; an attendee not registered is not_registered", async () => {
  const event = await createEvent("door");
  const archived = await createEvent("archived");
  await query("UPDATE events SET archived_at = NOW(3) WHERE id = ?", [archived.id]);
  const registered = await createAttendee([event]);
  const stranger = await createAttendee([]);
  const refusal = (cookie: string, auth: Record<string, unknown>) =>
    new Promise<string>((resolve) => {
      void import("socket.io-client").then(({ io }) => {
        const client = io(`http://127.0.0.1:${process.env.E2E_PORT}`, { transports: ["websocket"], reconnection: false, extraHeaders: { cookie }, auth });
        client.once("connect", () => (client.close(), resolve("connected")));
        client.once("connect_error", (error) => (client.close(), resolve(error.message)));
      });
    });
  const mine = await cookieFor({ userId: registered.id });
  expect(await refusal(mine, { event: event.slug })).toBe("connected");
  expect(await refusal(mine, { event: "no-such-event" })).toBe("not_found");
  expect(await refusal(mine, { event: archived.slug })).toBe("not_found");
  expect(await refusal(mine, { event: 42 })).toBe("not_found");
  expect(await refusal(mine, { event: ["x"] })).toBe("not_found");
  expect(await refusal(await cookieFor({ userId: stranger.id }), { event: event.slug })).toBe("not_registered");
  // Staff need no registration.
  expect(await refusal(await staffCookie("moderator"), { event: event.slug, surface: "mod" })).toBe("connected");
});

test("each state and switch is enforced over the socket: before, live, after, chat off and Q&A off", async () => {
  const cases = [
    { settings: { state: "scheduled" as const }, chat: true, ask: true, ping: false },
    { settings: { state: "live" as const }, chat: true, ask: true, ping: true },
    { settings: { state: "ended" as const }, chat: false, ask: false, ping: false },
    { settings: { isChatOn: false }, chat: false, ask: true, ping: true },
    { settings: { isQaOn: false }, chat: true, ask: false, ping: true },
  ];
  for (const { settings, chat, ask, ping } of cases) {
    const label = JSON.stringify(settings);
    const event = await createEvent("state", settings);
    const person = await createAttendee([event]);
    const { client, state } = await connect(await cookieFor({ userId: person.id }), "watch", event.slug);
    try {
      expect(state.event).toMatchObject({ slug: event.slug, state: settings.state ?? "live", isChatOn: settings.isChatOn ?? true, isQaOn: settings.isQaOn ?? true });
      const results = { chat: await emit(client, "chat", { text: "Hello?" }), ask: await emit(client, "ask", { text: "A question?" }), ping: await emit(client, "ping", {}) };
      for (const [name, expected] of Object.entries({ chat, ask, ping })) {
        const ack = results[name as keyof typeof results];
        if (expected) expect(ack.ok, `${name} in ${label}`).toBe(true);
        else expect(ack, `${name} in ${label}`).toMatchObject({ ok: false, error: "closed", message: expect.stringMatching(/\w/) });
      }
      const [counts] = await query<{ chats: number; questions: number }>(
        "SELECT (SELECT COUNT(*) FROM chat_messages WHERE event_id = ?) AS chats, (SELECT COUNT(*) FROM questions WHERE event_id = ?) AS questions",
        [event.id, event.id],
      );
      expect([Number(counts.chats), Number(counts.questions)], `rows stored in ${label}`).toEqual([chat ? 1 : 0, ask ? 1 : 0]);
    } finally {
      client.close();
    }
  }
});
