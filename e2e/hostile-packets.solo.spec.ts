import { expect, test } from "@playwright/test";
import { query } from "./database";
import { connectClient, countRows, internalDetailIn, startBystander } from "./hostile-checks";
import { inBatches, ownAddress, rawRequest, registerOverHttp } from "./raw-http";
import { RawSocket } from "./raw-socket";

// Frames and handshakes no Socket.IO client would send, over a plain
// WebSocket, against the real server. A frame the protocol cannot parse
// closes that one connection (Socket.IO's rule); anything it can parse gets
// the contract's error ack. Nobody else notices either. Solo: it counts
// every row in the database.

const deep = (depth: number) => "[".repeat(depth) + "]".repeat(depth);

/** What the server does with the frame: closes the connection, ignores it, answers with this ack id (as it writes it) and error, or refuses the namespace. */
type Expected = "closes" | "ignored" | { ack: string; error: string } | { namespaceError: string };

const FRAMES: { label: string; frames: (string | Buffer)[]; expected: Expected }[] = [
  { label: "an empty frame", frames: [""], expected: "closes" },
  { label: "text that is no packet", frames: ["garbage"], expected: "closes" },
  { label: "a message with no Socket.IO packet", frames: ["4"], expected: "closes" },
  { label: "an unterminated array", frames: ["42["], expected: "closes" },
  { label: "an empty event", frames: ["42[]"], expected: "closes" },
  { label: "an object instead of an event", frames: ["42{}"], expected: "closes" },
  { label: "a null event name", frames: ["42[null]"], expected: "closes" },
  { label: "an object as the event name", frames: ['42[{"a":1}]'], expected: "closes" },
  { label: "truncated JSON", frames: ['429["chat",{"text":"hi"}'], expected: "closes" },
  { label: "a reserved event name", frames: ['429["disconnecting",{}]'], expected: "closes" },
  { label: "another reserved event name", frames: ['429["newListener",{}]'], expected: "closes" },
  { label: "binary noise", frames: [Buffer.from([0x00, 0x01, 0xfe, 0xff])], expected: "closes" },
  { label: "an event for a namespace never joined", frames: ['42/admin,9["chat",{"text":"x"}]'], expected: "closes" },
  { label: "100,000 nested arrays", frames: [`429${deep(100_000)}`], expected: "closes" },
  { label: "a negative ack id", frames: ['42-1["chat",{"text":"x"}]'], expected: "closes" },
  { label: "an unknown Socket.IO packet type", frames: ["49"], expected: "closes" },
  { label: "an unknown Engine.IO packet type", frames: ["7"], expected: "closes" },
  { label: "a ping from the client", frames: ["2probe"], expected: "closes" },
  { label: "a binary placeholder whose attachment never comes", frames: ['451-9["chat",{"_placeholder":true,"num":0}]', '428["still-here"]'], expected: "closes" },
  { label: "an event without a payload", frames: ["42"], expected: "ignored" },
  { label: "an ack for nothing", frames: ["43999[1]"], expected: "ignored" },
  { label: "an upgrade packet after the upgrade", frames: ["5"], expected: "ignored" },
  { label: "a noop packet", frames: ["6"], expected: "ignored" },
  { label: "the event name 'error'", frames: ['421["error","boom"]'], expected: { ack: "1", error: "unknown_event" } },
  { label: "a numeric event name", frames: ["422[7,{}]"], expected: { ack: "2", error: "unknown_event" } },
  { label: "a 100 kB event name", frames: [`423${JSON.stringify(["e".repeat(100_000), {}])}`], expected: { ack: "3", error: "unknown_event" } },
  { label: "a __proto__ event name", frames: ['424["__proto__",{}]'], expected: { ack: "4", error: "unknown_event" } },
  { label: "chat text nested 100,000 deep", frames: [`425["chat",{"text":${deep(100_000)}}]`], expected: { ack: "5", error: "invalid" } },
  { label: "chat with a __proto__ key", frames: ['426["chat",{"text":"hi","__proto__":{"x":1}}]'], expected: { ack: "6", error: "invalid" } },
  { label: "an ack id past 2^53", frames: ['4299999999999999999999999["nope",{}]'], expected: { ack: "1e+23", error: "unknown_event" } },
  { label: "a CONNECT to a namespace that does not exist", frames: ["40/admin,"], expected: { namespaceError: "/admin" } },
];

async function expectStillAnswering(socket: RawSocket, label: string) {
  socket.send('4277["still-here"]');
  expect.soft(await socket.ackFor(77), `${label}: the connection still answers`).toMatchObject({ ok: false, error: "unknown_event" });
}

test("malformed Engine.IO and Socket.IO frames close at most the sender's connection, and reach no one", async () => {
  const address = ownAddress();
  const bystander = await startBystander(address);
  const sender = await registerOverHttp("raw-frames", address);
  const before = await countRows();
  await inBatches(FRAMES, 4, async ({ label, frames, expected }) => {
    const { socket, handshake } = await RawSocket.open({ cookie: sender.cookie });
    expect.soft(handshake, label).toEqual({ kind: "connected" });
    try {
      for (const frame of frames) socket.send(frame);
      if (expected === "closes") {
        expect.soft(await socket.waitForClose(5_000), `${label}: closed`).not.toBeNull();
      } else if (expected === "ignored") {
        expect.soft(await socket.waitForClose(300), `${label}: left open`).toBeNull();
        await expectStillAnswering(socket, label);
      } else if ("ack" in expected) {
        const frame = await socket.waitFor((candidate) => candidate.startsWith(`43${expected.ack}[`), 5_000);
        expect.soft(frame, label).not.toBeNull();
        if (!frame) return;
        const [ack] = JSON.parse(frame.slice(`43${expected.ack}`.length));
        expect.soft(ack, label).toEqual({ ok: false, error: expected.error, message: expect.any(String) });
        expect.soft(ack.message.length, label).toBeLessThanOrEqual(120);
        await expectStillAnswering(socket, label);
      } else {
        const frame = await socket.waitFor((candidate) => candidate.startsWith(`44${expected.namespaceError},`), 5_000);
        expect.soft(frame, label).not.toBeNull();
        await expectStillAnswering(socket, label);
      }
      for (const frame of socket.frames) expect.soft(internalDetailIn(frame), label).toBeNull();
    } finally {
      socket.close();
    }
  });
  await bystander.finish();
  expect(await countRows()).toEqual({ ...before, chat_messages: before.chat_messages + bystander.ownRows() });
});

test("hostile handshakes (auth fields, cookies, origins, Engine.IO requests) are refused or ignored, never a server error", async () => {
  const address = ownAddress();
  const bystander = await startBystander(address);
  const person = await registerOverHttp("raw-handshake", address);
  // Some of these connect on the default "watch" surface: open the person's viewing session first so the count holds still.
  const watching = await connectClient(person.cookie, "watch");
  await expect.poll(async () => (await query("SELECT id FROM session_analytics WHERE user_id = ?", [person.id])).length, { timeout: 10_000 }).toBe(1);
  const before = await countRows();

  const invalidSurface = { kind: "connect_error", message: "invalid_surface" };
  const unauthorized = { kind: "connect_error", message: "unauthorized" };
  const connected = { kind: "connected" };
  const closed = { kind: "closed" };
  const notFound = { kind: "connect_error", message: "not_found" };
  const auths: [string, string | null, Record<string, unknown>][] = [
    ["a numeric surface", '{"surface":123}', invalidSurface],
    ["markup as the surface", '{"surface":"<script>alert(1)</script>"}', invalidSurface],
    ["a 100 kB surface", JSON.stringify({ surface: "s".repeat(100_000) }), invalidSurface],
    ["an array surface", '{"surface":["watch"]}', invalidSurface],
    ["a null surface", '{"surface":null}', invalidSurface],
    ["a surface with a NUL", '{"surface":"watch\\u0000"}', invalidSurface],
    ["a resume with wrong types", '{"surface":"speaker","lastChatId":"abc","since":"nope"}', connected],
    ["a negative lastChatId", '{"surface":"speaker","lastChatId":-1,"since":"2020-01-01T00:00:00Z"}', connected],
    ["a lastChatId of 1e308", '{"surface":"speaker","lastChatId":1e308,"since":"2020-01-01T00:00:00Z"}', connected],
    ["a since in the year 9999", '{"surface":"speaker","lastChatId":1,"since":"9999-12-31T23:59:59Z"}', connected],
    ["a since in the year 0", '{"surface":"speaker","lastChatId":1,"since":"0000-01-01T00:00:00Z"}', connected],
    ["a chatSeq as a string", '{"surface":"speaker","chatSeq":"1","since":"2020-01-01T00:00:00Z"}', connected],
    ["a negative chatSeq", '{"surface":"speaker","chatSeq":-1,"since":"2020-01-01T00:00:00Z"}', connected],
    ["a chatSeq of 1e308", '{"surface":"speaker","chatSeq":1e308,"since":"2020-01-01T00:00:00Z"}', connected],
    ["a chatSeq beyond the last message", '{"surface":"speaker","chatSeq":2000000000,"since":"2020-01-01T00:00:00Z"}', connected],
    ["a __proto__ asking for the moderators' surface", '{"__proto__":{"surface":"mod","role":"admin"}}', connected],
    ["an extra field", '{"surface":"watch","role":"admin"}', connected],
    ["no auth at all", "", connected],
    ["a string as auth", '"watch"', closed],
    ["an array as auth", "[1,2]", closed],
    ["null as auth", "null", closed],
    ["broken JSON as auth", "{bad json", closed],
    // auth.event names the event's room: anything but one event's slug is not_found, and never another room.
    ["a numeric event", '{"surface":"speaker","event":1}', notFound],
    ["an array event", '{"surface":"speaker","event":["first-event"]}', notFound],
    ["an object event", '{"surface":"speaker","event":{"slug":"first-event"}}', notFound],
    ["a null event", '{"surface":"speaker","event":null}', notFound],
    ["SQL as the event", `{"surface":"speaker","event":"x' OR '1'='1"}`, notFound],
    ["a LIKE wildcard as the event", '{"surface":"speaker","event":"%"}', notFound],
    ["a path as the event", '{"surface":"speaker","event":"../first-event"}', notFound],
    ["a 100 kB event", JSON.stringify({ surface: "speaker", event: "e".repeat(100_000) }), notFound],
    ["an event with a NUL", '{"surface":"speaker","event":"first-event\\u0000"}', notFound],
    ["the featured event in capitals", '{"surface":"speaker","event":"FIRST-EVENT"}', notFound],
    ["the featured event by its slug", '{"surface":"speaker","event":"first-event"}', connected],
  ];
  const cookies: [string, Record<string, string>, Record<string, unknown>][] = [
    ["no cookie", {}, unauthorized],
    ["an empty session cookie", { cookie: "podium_session=" }, unauthorized],
    ["a stray % escape", { cookie: "podium_session=%" }, unauthorized],
    ["a forged seal", { cookie: "podium_session=Fe26.2**forged**value*0*x" }, unauthorized],
    ["an 8 kB seal", { cookie: `podium_session=${"A".repeat(8_000)}` }, unauthorized],
    ["a forged cookie before the real one", { cookie: `podium_session=forged; ${person.cookie}` }, unauthorized],
    ["a 100 kB cookie header", { cookie: `${person.cookie}; pad=${"p".repeat(100_000)}` }, { kind: "http", status: 431 }],
    ["another site's page", { cookie: person.cookie, origin: "https://evil.example" }, { kind: "http", status: 400 }],
    ["a null origin", { cookie: person.cookie, origin: "null" }, { kind: "http", status: 400 }],
  ];
  const handshakes = [
    ...auths.map(([label, auth, expected]) => ({ label: `auth: ${label}`, headers: { cookie: person.cookie }, auth, expected })),
    ...cookies.map(([label, headers, expected]) => ({ label: `cookie: ${label}`, headers, auth: '{"surface":"speaker"}' as string | null, expected })),
  ];
  await inBatches(handshakes, 4, async ({ label, headers, auth, expected }) => {
    const { socket, handshake } = await RawSocket.open(headers, auth);
    try {
      expect.soft(handshake, label).toMatchObject(expected);
      if (handshake.kind === "connected") {
        const state = await socket.waitFor((frame) => frame.startsWith('42["state"'), 5_000);
        expect.soft(state, label).not.toBeNull();
        if (!state) return;
        const [, payload] = JSON.parse(state.slice(2));
        expect.soft(payload.user, `${label}: still the attendee they are`).toMatchObject({ id: person.id, role: "viewer" });
        expect.soft(payload, label).not.toHaveProperty("pending");
      }
      for (const frame of socket.frames) expect.soft(internalDetailIn(frame), label).toBeNull();
    } finally {
      socket.close();
    }
  });

  const engineRequests: [label: string, method: string, path: string, body?: string][] = [
    ["an old protocol version", "GET", "/socket.io/?EIO=3&transport=polling"],
    ["an unknown transport", "GET", "/socket.io/?EIO=4&transport=carrier-pigeon"],
    ["no query at all", "GET", "/socket.io/"],
    ["an unknown session id", "GET", "/socket.io/?EIO=4&transport=polling&sid=bogus"],
    ["a 10 kB session id", "GET", `/socket.io/?EIO=4&transport=polling&sid=${"s".repeat(10_000)}`],
    ["a post to an unknown session", "POST", "/socket.io/?EIO=4&transport=polling&sid=bogus", "4garbage"],
    ["a handshake by POST", "POST", "/socket.io/?EIO=4&transport=polling", '40{"surface":"watch"}'],
  ];
  await inBatches(engineRequests, 3, async ([label, method, path, body]) => {
    const response = await rawRequest(path, { method, body, headers: { cookie: person.cookie, "content-type": "text/plain;charset=UTF-8" } });
    expect.soft(response.status, label).toBe(400);
    expect.soft(JSON.parse(response.body), label).toEqual({ code: expect.any(Number), message: expect.any(String) });
  });

  watching.close();
  await bystander.finish();
  expect(await countRows()).toEqual({ ...before, chat_messages: before.chat_messages + bystander.ownRows() });
});
