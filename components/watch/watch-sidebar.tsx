"use client";

import { ChatPanel } from "@/components/chat/chat-panel";
import { ConnectionStatus } from "@/components/live-room/connection-status";
import { useLiveRoom } from "@/components/live-room/live-room-provider";
import { QaPanel } from "@/components/qa/qa-panel";
import { Tabs } from "@/components/ui/tabs";
import styles from "./watch-sidebar.module.css";

/** Chat and Q&A beside the stream. A feature the organiser switched off has no tab at all. */
export function WatchSidebar() {
  const { event } = useLiveRoom();
  const tabs = [
    ...(event.isChatOn ? [{ id: "chat", label: "Chat", panel: <ChatPanel /> }] : []),
    ...(event.isQaOn ? [{ id: "qa", label: "Q&A", panel: <QaPanel /> }] : []),
  ];
  return (
    <aside className={styles.sidebar} aria-label={tabs.length ? "Chat and questions" : "About this event"}>
      <div className={styles.top}>
        <ConnectionStatus />
      </div>
      {tabs.length > 0 ? (
        <Tabs label="Chat and questions" tabs={tabs} />
      ) : (
        <p className={styles.off} data-testid="sidebar-off">
          Chat and Q&amp;A are switched off for this event. Enjoy the talk!
        </p>
      )}
    </aside>
  );
}
