"use client";

import { useCallback, useEffect, useRef, useState, type RefObject } from "react";
import type { Socket } from "socket.io-client";
import type { ClientToServerEvents, ServerToClientEvents } from "@/lib/realtime/contract";
import { retryDelayMs } from "@/lib/realtime/retry-delay";
import type { RoomAction } from "@/lib/realtime/room-reducer";

/**
 * A chat message the person typed that the server has not confirmed yet: waiting for the connection,
 * sending, retrying (the server said `unavailable`: its database is away; resent by itself) or failed.
 */
export type OutgoingMessage = { localId: string; text: string; status: "waiting" | "sending" | "retrying" | "failed"; error?: string };

const ACK_TIMEOUT_MS = 10_000;

/**
 * Chat messages on their way out. A message typed while offline waits and goes
 * out when the connection is back; one the server could not store just now
 * (`unavailable`) is resent by itself with a growing, jittered wait; a failed
 * one can be retried. Its localId travels as the message's clientId, so a
 * retry after a lost ack is stored once.
 */
export function useChatOutbox(socketRef: RefObject<Socket<ServerToClientEvents, ClientToServerEvents> | null>, dispatch: (action: RoomAction) => void) {
  const [outbox, setOutbox] = useState<OutgoingMessage[]>([]);
  // The ref is the source of truth, so two triggers in one tick (reconnect and "online") see the same list.
  const itemsRef = useRef<OutgoingMessage[]>([]);
  const inFlight = useRef(new Set<string>());
  // Resends after `unavailable`: one timer for the whole outbox, which bumps `resendRound` (an effect
  // below then sends); and the refusals in a row, for its backoff.
  const retryTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const refusals = useRef(0);
  const [resendRound, setResendRound] = useState(0);
  useEffect(() => () => clearTimeout(retryTimer.current), []);

  const commit = useCallback((next: OutgoingMessage[]) => {
    itemsRef.current = next;
    setOutbox(next);
  }, []);

  const updateOutgoing = useCallback(
    (localId: string, patch: Partial<OutgoingMessage> | null) => {
      commit(patch ? itemsRef.current.map((item) => (item.localId === localId ? { ...item, ...patch } : item)) : itemsRef.current.filter((item) => item.localId !== localId));
    },
    [commit],
  );

  const deliver = useCallback(
    async (localId: string) => {
      const item = itemsRef.current.find((candidate) => candidate.localId === localId);
      const socket = socketRef.current;
      if (!item || inFlight.current.has(localId)) return;
      if (!socket?.connected || !navigator.onLine) return updateOutgoing(localId, { status: "waiting", error: undefined });
      // Typing order holds: nothing overtakes a message that is waiting to be resent.
      const earlier = itemsRef.current.slice(0, itemsRef.current.indexOf(item));
      if (earlier.some((other) => other.status === "retrying")) return updateOutgoing(localId, { status: "retrying", error: undefined });
      inFlight.current.add(localId);
      updateOutgoing(localId, { status: "sending", error: undefined });
      try {
        const response = await socket.timeout(ACK_TIMEOUT_MS).emitWithAck("chat", { text: item.text, clientId: localId });
        if (response.ok) {
          refusals.current = 0;
          dispatch({ type: "chat", message: response.message });
          updateOutgoing(localId, null);
        } else if (response.error === "unavailable") {
          updateOutgoing(localId, { status: "retrying", error: response.message });
          clearTimeout(retryTimer.current);
          retryTimer.current = setTimeout(() => setResendRound((round) => round + 1), retryDelayMs(refusals.current++));
        } else {
          updateOutgoing(localId, { status: "failed", error: response.message });
        }
      } catch {
        updateOutgoing(localId, { status: "failed", error: "No answer from the server. Check your connection and retry." });
      } finally {
        inFlight.current.delete(localId);
      }
    },
    [socketRef, dispatch, updateOutgoing],
  );

  // One message at a time, each after the previous one's ack, so the server stores them in typing
  // order (sent together, their inserts could finish in any order).
  const queue = useRef<Promise<void>>(Promise.resolve());
  const enqueue = useCallback(
    (localId: string) => {
      queue.current = queue.current.then(() => deliver(localId));
    },
    [deliver],
  );

  const sendChat = useCallback(
    (text: string) => {
      const localId = crypto.randomUUID();
      commit([...itemsRef.current, { localId, text, status: "waiting" }]);
      enqueue(localId);
    },
    [commit, enqueue],
  );

  /** Sends, in typing order, every message that waited for the connection or to be resent. */
  const flushWaiting = useCallback(() => {
    clearTimeout(retryTimer.current);
    for (const item of itemsRef.current) if (item.status === "waiting" || item.status === "retrying") enqueue(item.localId);
  }, [enqueue]);
  useEffect(() => {
    if (resendRound) flushWaiting();
  }, [resendRound, flushWaiting]);

  return { outbox, sendChat, retryChat: enqueue, discardChat: (localId: string) => updateOutgoing(localId, null), flushWaiting };
}
