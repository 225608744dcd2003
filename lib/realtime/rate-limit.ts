import { RateLimiterRes } from "rate-limiter-flexible";
import { createLimiter } from "../create-limiter";

// Per-person limits, so one person (or a script) cannot flood the room.
const limiters = {
  chat: createLimiter({ keyPrefix: "chat", points: 8, duration: 10 }),
  ask: createLimiter({ keyPrefix: "ask", points: 5, duration: 60 }),
  upvote: createLimiter({ keyPrefix: "upvote", points: 30, duration: 10 }),
  // Generous for several tabs; a flood is refused before it reaches the database.
  ping: createLimiter({ keyPrefix: "ping", points: 10, duration: 10 }),
};

/** Counts one action; false when the person is over the limit. */
export async function isWithinLimit(action: keyof typeof limiters, userId: number): Promise<boolean> {
  try {
    await limiters[action].consume(userId);
    return true;
  } catch (error) {
    if (error instanceof RateLimiterRes) return false;
    throw error;
  }
}
