import { canOpen } from "../access";
import { isBehind } from "../questions/question-order";
import type { ChatMessageView, ChatRange, QuestionView, RoomState, RoomStats } from "./contract";

// What a browser holds of the live room, and how each server event changes it.
// Pure, so the rules (no duplicates, no gap after a reconnect, who sees which
// question) are unit-tested without a socket.

export type Connection = "connecting" | "connected" | "reconnecting" | "offline";

export type RoomView = {
  connection: Connection;
  /** False until the first `state` arrives; the panels show a loading state until then. */
  isReady: boolean;
  /** Between a (re)connection and its `state`, live events are held here and replayed on top of the snapshot. */
  heldEvents: RoomEvent[] | null;
  me: RoomState["user"] | null;
  /** The server's clock at the last `state`, sent back on reconnect so the resync knows what is new. */
  serverTime: string | null;
  /** Visible messages in the event's order (seq), oldest first. */
  chat: ChatMessageView[];
  /** Every visible message up to this seq is held (or scrolled away); one held above it means a gap to ask for. */
  chatSeq: number;
  questions: QuestionView[];
  myQuestions: QuestionView[];
  myVotes: number[];
  pending: QuestionView[];
  stats: RoomStats | null;
  heartbeatSeconds: number;
};

export type RoomEvent =
  | { type: "chat"; message: ChatMessageView }
  | { type: "chat:hidden"; id: number }
  | { type: "question"; question: QuestionView }
  | { type: "stats"; stats: RoomStats }
  | { type: "voted"; id: number; hasVoted: boolean };

export type RoomAction =
  | RoomEvent
  /** The socket (re)connected: a fresh `state` follows, so live events are held until it lands. */
  | { type: "connected" }
  /** Only the label changes (browser online/offline, reconnecting). */
  | { type: "connection"; connection: Connection }
  | { type: "state"; state: RoomState }
  /** The answer to `chat:since { seq: afterSeq }`: the messages that were missing. */
  | { type: "chat:range"; afterSeq: number; range: ChatRange };

/** Chat kept in the browser; older messages scroll away. */
export const CHAT_KEPT = 300;

export const initialRoomView: RoomView = {
  connection: "connecting",
  isReady: false,
  heldEvents: null,
  me: null,
  serverTime: null,
  chat: [],
  chatSeq: 0,
  questions: [],
  myQuestions: [],
  myVotes: [],
  pending: [],
  stats: null,
  heartbeatSeconds: 60,
};

function upsert(list: QuestionView[], question: QuestionView): QuestionView[] {
  const index = list.findIndex((item) => item.id === question.id);
  if (index === -1) return [...list, question].sort((a, b) => a.id - b.id);
  const copy = list.slice();
  copy[index] = question;
  return copy;
}

const without = (list: QuestionView[], id: number) => list.filter((item) => item.id !== id);

function applyEvent(view: RoomView, event: RoomEvent): RoomView {
  switch (event.type) {
    case "chat":
      if (view.chat.some((message) => message.id === event.message.id)) return view;
      return withChat(view, [...view.chat, event.message], view.chatSeq);
    case "chat:hidden":
      return { ...view, chat: view.chat.filter((message) => message.id !== event.id) };
    case "stats":
      return { ...view, stats: event.stats };
    case "voted":
      return { ...view, myVotes: event.hasVoted ? [...new Set([...view.myVotes, event.id])] : view.myVotes.filter((id) => id !== event.id) };
    case "question": {
      const { question } = event;
      // Updates can arrive out of order (from two server processes); a question never moves back.
      const held = [view.questions, view.pending, view.myQuestions].flat().find((item) => item.id === question.id);
      if (held && isBehind(question, held)) return view;
      const isPublic = question.status === "approved" || question.status === "answered";
      return {
        ...view,
        questions: isPublic ? upsert(view.questions, question) : without(view.questions, question.id),
        // Only moderators keep a queue; an attendee's own pending question lives in myQuestions.
        pending: question.status === "pending" && isModerator(view) ? upsert(view.pending, question) : without(view.pending, question.id),
        myQuestions: question.userId === view.me?.id ? upsert(view.myQuestions, question) : view.myQuestions,
      };
    }
  }
}

export function roomReducer(view: RoomView, action: RoomAction): RoomView {
  switch (action.type) {
    case "connected":
      return { ...view, connection: "connected", heldEvents: [] };
    case "connection":
      return { ...view, connection: action.connection };
    case "state": {
      const { state } = action;
      const snapshot: RoomView = {
        ...withChat(view, chatFromState(view.chat, state), state.chatSeq ?? 0),
        isReady: true,
        heldEvents: null,
        me: state.user,
        serverTime: state.serverTime,
        questions: state.questions,
        myQuestions: state.myQuestions,
        myVotes: state.myVotes,
        pending: state.pending ?? [],
        stats: state.stats ?? null,
        heartbeatSeconds: state.heartbeatSeconds,
      };
      return (view.heldEvents ?? []).reduce(applyEvent, snapshot);
    }
    case "chat:range": {
      // Asked from a seq this view no longer vouches for (a fresh state came meanwhile): the answer covers too little.
      if (view.chatSeq < action.afterSeq) return view;
      const held = new Set(view.chat.map((message) => message.id));
      return withChat(view, [...view.chat, ...action.range.chat.filter((message) => !held.has(message.id))], Math.max(view.chatSeq, action.range.chatSeq));
    }
    default:
      if (view.heldEvents) return { ...view, heldEvents: [...view.heldEvents, action] };
      return applyEvent(view, action);
  }
}

/**
 * The chat in seq order (the newest CHAT_KEPT), with `chatSeq` moved past every message held right
 * after it. A message held above `chatSeq` then means one below it is missing: see hasChatGap.
 */
function withChat(view: RoomView, chat: ChatMessageView[], chatSeq: number): RoomView {
  const sorted = chat.sort((a, b) => a.seq - b.seq).slice(-CHAT_KEPT);
  let complete = chatSeq;
  for (const message of sorted) if (message.seq === complete + 1) complete = message.seq;
  return { ...view, chat: sorted, chatSeq: complete };
}

/** True while a message is held whose predecessor never came: the page asks for the missing ones (`chat:since`). */
export const hasChatGap = (view: RoomView) => (view.chat.at(-1)?.seq ?? 0) > view.chatSeq;

/**
 * A resync keeps what the client holds up to where it said it was complete (`chatAfterSeq`, or the older
 * id-based `chatAfter`), minus messages hidden meanwhile, and adds `chat`; otherwise the snapshot replaces it.
 */
function chatFromState(held: ChatMessageView[], state: RoomState): ChatMessageView[] {
  const hidden = new Set(state.hiddenChatIds ?? []);
  const keeps = state.chatAfterSeq !== undefined ? (message: ChatMessageView) => message.seq <= state.chatAfterSeq! : state.chatAfter !== undefined ? (message: ChatMessageView) => message.id <= state.chatAfter! : null;
  if (!keeps) return state.chat;
  const kept = held.filter((message) => keeps(message) && !hidden.has(message.id));
  const keptIds = new Set(kept.map((message) => message.id));
  return [...kept, ...state.chat.filter((message) => !keptIds.has(message.id))];
}

const isModerator = (view: RoomView) => view.me !== null && canOpen(view.me.role, "/mod");
