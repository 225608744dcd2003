"use client";

import type { Connection } from "@/lib/realtime/room-reducer";
import styles from "./connection-status.module.css";
import { useLiveRoom } from "./live-room-provider";

const LABELS: Record<Connection, string> = {
  connecting: "Connecting…",
  // Not "Live": that is the event's state (an upcoming event is connected but not live).
  connected: "Connected",
  reconnecting: "Reconnecting…",
  offline: "Offline",
};

/** The truth about the connection, in words and not only colour. */
export function ConnectionStatus({ tone = "light" }: { tone?: "light" | "dark" }) {
  const { connection } = useLiveRoom().view;
  return (
    <p className={`${styles.status} ${styles[connection]} ${styles[tone]}`} role="status" data-testid="connection-status" data-connection={connection}>
      <span className={styles.dot} aria-hidden="true" />
      {LABELS[connection]}
    </p>
  );
}
