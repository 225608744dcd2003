"use client";

import { ChatPanel } from "@/components/chat/chat-panel";
import { ConnectionStatus } from "@/components/live-room/connection-status";
import type { EventInfo } from "@/lib/events/event-rules";
import { LiveRoomProvider } from "@/components/live-room/live-room-provider";
import { QaPanel } from "@/components/qa/qa-panel";
import { Tabs } from "@/components/ui/tabs";
import styles from "./watch-sidebar.module.css";

/** Chat and Q&A beside the video, on one live connection that also sends the heartbeat. */
export function WatchSidebar({ event }: { event: EventInfo }) {
  return (
    <LiveRoomProvider event={event} surface="watch">
      <aside className={styles.sidebar} aria-label="Chat and questions">
        <div className={styles.top}>
          <ConnectionStatus />
        </div>
        <Tabs
          label="Chat and questions"
          tabs={[
            { id: "chat", label: "Chat", panel: <ChatPanel /> },
            { id: "qa", label: "Q&A", panel: <QaPanel /> },
          ]}
        />
      </aside>
    </LiveRoomProvider>
  );
}
