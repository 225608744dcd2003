// The Socket.IO contract between server.ts and every client (the browser pages
// and anyone else who speaks it; README "Real-time contract" documents it).
// Types only, so the browser bundle can import it.

import type { EventInfo } from "../events/event-rules";

export type { EventInfo };

export type Role = "viewer" | "moderator" | "speaker" | "admin";
export type QuestionStatus = "pending" | "approved" | "rejected" | "answered";

/** Which page a socket belongs to, sent as `auth.surface` in the handshake. Only "watch" counts as watching. */
export type Surface = "watch" | "mod" | "speaker";

/**
 * The handshake's `auth`: the event (its slug; none means the featured event, the one at /), the page,
 * and on a reconnect what the client already holds.
 */
export type HandshakeAuth = { event?: string; surface?: Surface; chatSeq?: number; lastChatId?: number; since?: string };

/** `seq` numbers an event's messages 1, 2, 3… without holes, in the order they were stored. */
export type ChatMessageView = { id: number; seq: number; userId: number; userName: string; text: string; createdAt: string };

/** Every visible message with a seq above the one asked for, up to `chatSeq`, is in `chat` (oldest first). */
export type ChatRange = { chat: ChatMessageView[]; chatSeq: number };

export type QuestionView = {
  id: number;
  userId: number;
  userName: string;
  text: string;
  status: QuestionStatus;
  votes: number;
  createdAt: string;
};

export type RoomStats = { viewersConnected: number; pendingQuestions: number };

/** Sent on every (re)connection; replaces whatever the client held. */
export type RoomState = {
  user: { id: number; name: string; role: Role };
  /** The event this room belongs to, as it is now: its state, schedule and switches. */
  event: EventInfo;
  /**
   * Visible chat messages, oldest first: the last 100, or, when the handshake
   * said `auth.lastChatId` (a reconnect), every message after `chatAfter`.
   */
  chat: ChatMessageView[];
  /**
   * Set on a resync (`auth.lastChatId`): keep what you hold up to this id, drop the rest, append `chat`.
   * A little below lastChatId: messages created in the 2 s before it are resent, since several are
   * stored at once and may have reached the client out of id order.
   */
  chatAfter?: number;
  /**
   * Set on a resync by seq (`auth.chatSeq`): keep what you hold up to this seq, drop the rest, merge `chat`.
   */
  chatAfterSeq?: number;
  /**
   * Every visible message up to this seq is in `chat` or older than it (or, on a resync, in what you kept). A message
   * you hold above it with a lower one missing is a gap: ask for it with `chat:since`.
   */
  chatSeq: number;
  /** With `chatAfter` or `chatAfterSeq`: messages hidden since `auth.since`; drop them if you hold them. */
  hiddenChatIds?: number[];
  /** The server's clock when this state was read; send it back as `auth.since` when reconnecting. */
  serverTime: string;
  /** Approved and answered questions, oldest first. */
  questions: QuestionView[];
  /** This user's own questions, any status, oldest first. */
  myQuestions: QuestionView[];
  /** Ids of the questions this user has upvoted. */
  myVotes: number[];
  /** Moderators and admins only: the pending queue, oldest first. */
  pending?: QuestionView[];
  /** Moderators and admins only. */
  stats?: RoomStats;
  heartbeatSeconds: number;
};

/**
 * `closed`: the event does not take this now (chat or Q&A switched off, or the event has ended).
 * `unavailable`: the database cannot be reached just now. Send the same event again in a moment (a chat with its clientId is stored once however often it is sent). */
export type ErrorCode = "invalid" | "forbidden" | "not_found" | "invalid_state" | "closed" | "rate_limited" | "unknown_event" | "unavailable" | "server_error";

export type AckError = { ok: false; error: ErrorCode; message: string };
export type Ack<Result extends object = object> = ({ ok: true } & Result) | AckError;

type Callback<Result extends object> = (response: Ack<Result>) => void;
type IdPayload = { id: number };

export interface ClientToServerEvents {
  chat: (payload: { text: string; clientId?: string }, ack: Callback<{ message: ChatMessageView }>) => void;
  ask: (payload: { text: string }, ack: Callback<{ question: QuestionView }>) => void;
  approve: (payload: IdPayload, ack: Callback<{ question: QuestionView }>) => void;
  reject: (payload: IdPayload, ack: Callback<{ question: QuestionView }>) => void;
  answer: (payload: IdPayload, ack: Callback<{ question: QuestionView }>) => void;
  hide: (payload: IdPayload, ack: Callback<{ id: number }>) => void;
  upvote: (payload: IdPayload, ack: Callback<{ question: QuestionView; hasVoted: boolean }>) => void;
  ping: (payload: Record<string, never>, ack: Callback<{ totalMinutes: number; isCredited: boolean }>) => void;
  "chat:since": (payload: { seq: number }, ack: Callback<ChatRange>) => void;
}

export interface ServerToClientEvents {
  state: (state: RoomState) => void;
  chat: (message: ChatMessageView) => void;
  "chat:hidden": (payload: { id: number }) => void;
  question: (question: QuestionView) => void;
  stats: (stats: RoomStats) => void;
  vote: (payload: { id: number; hasVoted: boolean }) => void;
  /** The organiser changed the event (went live, ended it, edited it, switched chat or Q&A): replaces what the client held. */
  event: (event: EventInfo) => void;
}

/** Chat messages in a `state` sent to a fresh connection. */
export const CHAT_HISTORY_SIZE = 100;
/** A reconnecting client that missed more messages than this gets the latest CHAT_HISTORY_SIZE instead of a resync. */
export const CHAT_RESYNC_LIMIT = 500;

export const ROOMS = {
  /** Every socket in one event's room, whatever its page. */
  viewers: (eventId: number) => `event:${eventId}`,
  moderators: (eventId: number) => `event:${eventId}:moderators`,
  speakers: (eventId: number) => `event:${eventId}:speakers`,
  /** One person's sockets in one event: their pending questions and their votes, which their other events must not see. */
  attendee: (eventId: number, userId: number) => `event:${eventId}:user:${userId}`,
  /** All of one person's sockets, in every event: closed when an admin ends their sessions. */
  user: (id: number) => `user:${id}`,
  /** One sign-in's sockets, closed when that session signs out. */
  session: (id: string) => `session:${id}`,
} as const;
