import { canOpen } from "../access";
import { isBehind } from "../questions/question-order";
import type { ChatMessageView, QuestionView, RoomState, RoomStats } from "./contract";

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
  chat: ChatMessageView[];
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
  | { type: "state"; state: RoomState };

/** Chat kept in the browser; older messages scroll away. */
export const CHAT_KEPT = 300;

export const initialRoomView: RoomView = {
  connection: "connecting",
  isReady: false,
  heldEvents: null,
  me: null,
  serverTime: null,
  chat: [],
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
      return { ...view, chat: [...view.chat, event.message].sort((a, b) => a.id - b.id).slice(-CHAT_KEPT) };
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
        ...view,
        isReady: true,
        heldEvents: null,
        me: state.user,
        serverTime: state.serverTime,
        chat: chatFromState(view.chat, state),
        questions: state.questions,
        myQuestions: state.myQuestions,
        myVotes: state.myVotes,
        pending: state.pending ?? [],
        stats: state.stats ?? null,
        heartbeatSeconds: state.heartbeatSeconds,
      };
      return (view.heldEvents ?? []).reduce(applyEvent, snapshot);
    }
    default:
      if (view.heldEvents) return { ...view, heldEvents: [...view.heldEvents, action] };
      return applyEvent(view, action);
  }
}

/** A resync (`chatAfter`) appends to what the client holds, minus messages hidden meanwhile; otherwise the snapshot replaces it. */
function chatFromState(held: ChatMessageView[], state: RoomState): ChatMessageView[] {
  if (state.chatAfter === undefined) return state.chat;
  const hidden = new Set(state.hiddenChatIds ?? []);
  const kept = held.filter((message) => message.id <= state.chatAfter! && !hidden.has(message.id));
  return [...kept, ...state.chat].slice(-CHAT_KEPT);
}

const isModerator = (view: RoomView) => view.me !== null && canOpen(view.me.role, "/mod");
