"use client";

import { useEffect, useState, type RefObject } from "react";
import type { Socket } from "socket.io-client";
import type { ClientToServerEvents, ServerToClientEvents } from "@/lib/realtime/contract";
import { hasChatGap, type RoomAction, type RoomView } from "@/lib/realtime/room-reducer";

/** Longer than the server's own wait (lib/realtime/room-snapshot.ts), so it has usually filled the gap and answers from memory. */
const GAP_WAIT_MS = 1_500;
const ACK_TIMEOUT_MS = 10_000;

/**
 * Asks for the messages missing below one this page holds (`chat:since`), once the gap has stayed
 * open a moment: a message from another server process can simply be a little late, but one lost
 * in a Redis outage never comes. Asks again, jittered, for as long as the gap stays open.
 */
export function useChatGap(socketRef: RefObject<Socket<ServerToClientEvents, ClientToServerEvents> | null>, view: RoomView, dispatch: (action: RoomAction) => void) {
  const [round, setRound] = useState(0);
  // While disconnected, the reconnect's resync brings what is missing.
  const isOpen = view.isReady && view.connection === "connected" && hasChatGap(view);
  const { chatSeq } = view;
  useEffect(() => {
    if (!isOpen) return;
    let isCurrent = true;
    const timer = setTimeout(async () => {
      const socket = socketRef.current;
      try {
        if (socket?.connected) {
          const ack = await socket.timeout(ACK_TIMEOUT_MS).emitWithAck("chat:since", { seq: chatSeq });
          if (ack.ok && isCurrent) dispatch({ type: "chat:range", afterSeq: chatSeq, range: { chat: ack.chat, chatSeq: ack.chatSeq } });
        }
      } catch {
        // No answer in time: asked again below.
      }
      if (isCurrent) setRound((count) => count + 1);
    }, GAP_WAIT_MS * (1 + Math.random()));
    return () => {
      isCurrent = false;
      clearTimeout(timer);
    };
  }, [isOpen, chatSeq, round, socketRef, dispatch]);
}
