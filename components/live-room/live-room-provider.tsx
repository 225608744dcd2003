"use client";

import { createContext, useContext, useEffect, useMemo, useReducer, useRef, useState, type ReactNode } from "react";
import { io, type Socket } from "socket.io-client";
import type { Ack, ClientToServerEvents, EventInfo, HandshakeAuth, ServerToClientEvents, Surface } from "@/lib/realtime/contract";
import { retryDelayMs } from "@/lib/realtime/retry-delay";
import { initialRoomView, roomReducer, type RoomView } from "@/lib/realtime/room-reducer";
import { useChatGap } from "./use-chat-gap";
import { useChatOutbox, type OutgoingMessage } from "./use-chat-outbox";
import { useHeartbeat } from "./use-heartbeat";

type RoomSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
type Request = "ask" | "approve" | "reject" | "answer" | "hide" | "upvote";
type Payload<Event extends Request> = Parameters<ClientToServerEvents[Event]>[0];
type Result<Event extends Request> = Parameters<Parameters<ClientToServerEvents[Event]>[1]>[0];

/** What the browser adds to the server's error codes: no connection, or no answer in time. */
export type ClientAck<Event extends Request> = Result<Event> | { ok: false; error: "offline" | "timeout"; message: string };

type LiveRoom = {
  /** The event as it is now: the page's copy at first, then whatever the server last said. */
  event: EventInfo;
  view: RoomView;
  outbox: OutgoingMessage[];
  sendChat: (text: string) => void;
  retryChat: (localId: string) => void;
  discardChat: (localId: string) => void;
  request: <Event extends Request>(event: Event, payload: Payload<Event>) => Promise<ClientAck<Event>>;
};

const LiveRoomContext = createContext<LiveRoom | null>(null);
const ACK_TIMEOUT_MS = 10_000;
/** Where a refused handshake sends the person: the page to sign in (or register for this event) and come back. */
function signInPage(surface: Surface): string {
  const here = encodeURIComponent(window.location.pathname);
  if (surface !== "watch") return `/staff?reason=signin&next=${here}`;
  // The event's own registration page: /e/<slug>/watch → /e/<slug>; /watch → /.
  return `${window.location.pathname.replace(/\/watch$/, "") || "/"}?reason=signin`;
}

/**
 * Loads this page again (a 404 for an archived event; the featured event's page for /watch, /mod and
 * /speaker), once a minute at most: should the page still be served while its room is refused, the
 * next refusal goes to `fallback` instead of loading it again and again.
 */
function loadAgainOnce(fallback: string) {
  const key = `podium:loaded-again:${window.location.pathname}`;
  if (Date.now() - Number(window.sessionStorage.getItem(key) ?? 0) < 60_000) return window.location.assign(fallback);
  window.sessionStorage.setItem(key, String(Date.now()));
  window.location.replace(window.location.pathname);
}

export function useLiveRoom(): LiveRoom {
  const room = useContext(LiveRoomContext);
  if (!room) throw new Error("useLiveRoom must be used inside <LiveRoomProvider>");
  return room;
}

/**
 * One Socket.IO connection per page, shared by every panel on it: the room
 * state (lib/realtime/room-reducer.ts), the chat outbox and, on /watch, the
 * heartbeat. docs/realtime-contract.md describes what goes over it.
 */
export function LiveRoomProvider({ event: pageEvent, surface, children }: { event: EventInfo; surface: Surface; children: ReactNode }) {
  const [view, dispatch] = useReducer(roomReducer, initialRoomView);
  const [event, setEvent] = useState(pageEvent);
  const eventStateRef = useRef(event.state);
  useEffect(() => {
    eventStateRef.current = event.state;
  }, [event.state]);
  const slug = pageEvent.slug;
  const socketRef = useRef<RoomSocket | null>(null);
  const { outbox, sendChat, retryChat, discardChat, flushWaiting } = useChatOutbox(socketRef, dispatch);
  // What this page already holds, for the handshake of the next reconnect.
  const heldRef = useRef<HandshakeAuth>({});
  useEffect(() => {
    heldRef.current = view.isReady && view.serverTime ? { chatSeq: view.chatSeq, since: view.serverTime } : {};
  }, [view.isReady, view.chatSeq, view.serverTime]);
  useChatGap(socketRef, view, dispatch);

  useEffect(() => {
    const socket: RoomSocket = io({ path: "/socket.io", auth: (send) => send({ event: slug, surface, ...heldRef.current }) });
    socketRef.current = socket;
    const label = () => dispatch({ type: "connection", connection: navigator.onLine ? "reconnecting" : "offline" });
    // Handshakes refused in a row, for the backoff below.
    let refusals = 0;
    socket.on("connect", () => {
      refusals = 0;
      dispatch({ type: "connected" });
    });
    let retryTimer: ReturnType<typeof setTimeout> | undefined;
    socket.on("disconnect", (reason) => {
      label();
      // The server closed this socket on purpose: its session was signed out or ended. socket.io-client
      // does not reconnect after that by itself; asking again gets "unauthorized", and so sign-in. Not at
      // once: when this page is the one signing out, its own redirect ("signed out") should win, also on a
      // busy server where the sign-out's answer takes a few seconds after the socket was closed.
      if (reason === "io server disconnect") retryTimer = setTimeout(() => socket.connect(), 3_000 + Math.random() * 2_000);
    });
    socket.on("connect_error", (error) => {
      // The session ended (signed out, password changed): back to sign-in.
      // Signed in but not registered for this event: its registration page says why.
      if (error.message === "unauthorized" || error.message === "not_registered") return window.location.assign(signInPage(surface));
      // The event was archived, or is no longer the featured one: this page, loaded again, shows what is there now.
      if (error.message === "not_found") return loadAgainOnce(signInPage(surface));
      label();
      // Any other refusal, above all "unavailable" (the server's database is away or busy), means "not
      // now": stay on the page, show Reconnecting…, and ask again. socket.io-client retries a failed
      // transport by itself (socket.active, as while the server restarts) but never a refusal, so this
      // does, for as long as it takes, with a growing, jittered wait (lib/realtime/retry-delay.ts).
      if (!socket.active) {
        clearTimeout(retryTimer);
        const suggestedMs = (error as Error & { data?: { retryInMs?: number } }).data?.retryInMs;
        retryTimer = setTimeout(() => socket.connect(), retryDelayMs(refusals++, suggestedMs));
      }
    });
    socket.on("state", (state) => {
      setEvent(state.event);
      dispatch({ type: "state", state });
      flushWaiting();
    });
    socket.on("chat", (message) => dispatch({ type: "chat", message }));
    socket.on("chat:hidden", ({ id }) => dispatch({ type: "chat:hidden", id }));
    socket.on("question", (question) => dispatch({ type: "question", question }));
    socket.on("stats", (stats) => dispatch({ type: "stats", stats }));
    socket.on("vote", ({ id, hasVoted }) => dispatch({ type: "voted", id, hasVoted }));
    socket.on("event", (next) => {
      // Gone live while this page showed the countdown: the first heartbeat goes at once, so the
      // viewing session opens (Login Time) now rather than an interval later, and no minute is lost.
      if (surface === "watch" && next.state === "live" && eventStateRef.current !== "live" && socket.connected) socket.emit("ping", {}, () => {});
      setEvent(next);
    });
    const goOffline = () => dispatch({ type: "connection", connection: "offline" });
    const goOnline = () => {
      dispatch({ type: "connection", connection: socket.connected ? "connected" : "reconnecting" });
      // The socket may have survived a short outage: then no new `state` comes to trigger the flush.
      if (socket.connected) flushWaiting();
    };
    window.addEventListener("offline", goOffline);
    window.addEventListener("online", goOnline);
    return () => {
      clearTimeout(retryTimer);
      window.removeEventListener("offline", goOffline);
      window.removeEventListener("online", goOnline);
      socket.disconnect();
    };
  }, [slug, surface, flushWaiting]);

  // Watch time counts while the event is live: no heartbeats before it starts or after it ends.
  useHeartbeat(socketRef, surface === "watch" && view.isReady && event.state === "live", view.heartbeatSeconds);

  const room = useMemo<LiveRoom>(
    () => ({
      event,
      view,
      outbox,
      sendChat,
      retryChat,
      discardChat,
      async request(event, payload) {
        const socket = socketRef.current;
        if (!socket?.connected) return { ok: false, error: "offline", message: "You are offline. Try again when the connection is back." };
        try {
          // One generic call for every request event; the contract types each payload at the call site.
          const timed = socket.timeout(ACK_TIMEOUT_MS) as unknown as { emitWithAck: (event: Request, payload: unknown) => Promise<Ack> };
          const response = (await timed.emitWithAck(event, payload)) as ClientAck<typeof event>;
          if (response.ok && "hasVoted" in response) dispatch({ type: "voted", id: response.question.id, hasVoted: response.hasVoted });
          if (response.ok && "question" in response) dispatch({ type: "question", question: response.question });
          return response;
        } catch {
          return { ok: false, error: "timeout", message: "No answer from the server. Try again." };
        }
      },
    }),
    [event, view, outbox, sendChat, retryChat, discardChat],
  );

  return <LiveRoomContext.Provider value={room}>{children}</LiveRoomContext.Provider>;
}
