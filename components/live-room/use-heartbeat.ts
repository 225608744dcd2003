"use client";

import { useEffect, type RefObject } from "react";
import type { Socket } from "socket.io-client";
import type { ClientToServerEvents, ServerToClientEvents } from "@/lib/realtime/contract";

/** /watch's heartbeat: a ping every interval while connected. The interval comes from the server's configuration. */
export function useHeartbeat(socketRef: RefObject<Socket<ServerToClientEvents, ClientToServerEvents> | null>, isActive: boolean, seconds: number) {
  useEffect(() => {
    if (!isActive) return;
    const timer = setInterval(() => {
      if (socketRef.current?.connected) socketRef.current.emit("ping", {}, () => {});
    }, seconds * 1000);
    return () => clearInterval(timer);
  }, [socketRef, isActive, seconds]);
}
