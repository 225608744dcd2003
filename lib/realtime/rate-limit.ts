import { consumeOrWait, createLimiter } from "../create-limiter";
import { RoomError } from "./room-error";

// Per-person limits in each event's room, so one person (or a script) cannot flood it. In
// Redis when REDIS_URL is set, so they hold across processes. A refused event
// is answered `rate_limited` before it reaches the database.
const LIMITS = {
  chat: { limiter: createLimiter({ keyPrefix: "chat", points: 8, duration: 10 }), message: "You are sending messages too fast. Wait a few seconds." },
  ask: { limiter: createLimiter({ keyPrefix: "ask", points: 5, duration: 60 }), message: "You are asking too fast. Wait a little before the next question." },
  upvote: { limiter: createLimiter({ keyPrefix: "upvote", points: 30, duration: 10 }), message: "Too many votes at once. Wait a moment." },
  // Generous for several tabs; a flood is refused before it reaches the database.
  ping: { limiter: createLimiter({ keyPrefix: "ping", points: 10, duration: 10 }), message: "Too many heartbeats. Send one per interval." },
  // A page asks only after a gap stayed open a second or more: a few a minute at worst.
  resync: { limiter: createLimiter({ keyPrefix: "resync", points: 10, duration: 10 }), message: "Too many requests for missed messages. Wait a few seconds." },
  // approve, reject, answer and hide together: a moderator clearing a queue by keyboard
  // manages 2–3 a second; a script repeating one at full speed is cut off within a second.
  moderate: { limiter: createLimiter({ keyPrefix: "moderate", points: 50, duration: 10 }), message: "You are moderating faster than a person can. Wait a few seconds." },
};

export type LimitedAction = keyof typeof LIMITS;

/** Counts one action of a person in an event (`<eventId>:<userId>`); throws `rate_limited` when they are over the limit. */
export async function enforceLimit(action: LimitedAction, key: string): Promise<void> {
  if (await consumeOrWait(LIMITS[action].limiter, key)) throw new RoomError("rate_limited", LIMITS[action].message);
}
