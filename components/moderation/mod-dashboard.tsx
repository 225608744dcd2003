"use client";

import { useRef, useState, type MouseEvent } from "react";
import { ChatPanel } from "@/components/chat/chat-panel";
import { ConnectionStatus } from "@/components/live-room/connection-status";
import type { EventInfo } from "@/lib/events/event-rules";
import { LiveRoomProvider, useLiveRoom } from "@/components/live-room/live-room-provider";
import { MOVED_MESSAGE, useSettledClicks } from "@/components/live-room/use-settled-clicks";
import buttonStyles from "@/components/ui/button.module.css";
import { ClockTime } from "@/components/ui/clock-time";
import { StateBadge } from "@/components/events/state-badge";
import type { QuestionView } from "@/lib/realtime/contract";
import { openQuestions } from "@/lib/questions/question-order";
import styles from "./mod-dashboard.module.css";

export function ModDashboard({ event }: { event: EventInfo }) {
  return (
    <LiveRoomProvider event={event} surface="mod">
      <Dashboard />
    </LiveRoomProvider>
  );
}

type Move = "approve" | "reject" | "answer";

function Dashboard() {
  const { event, view, request } = useLiveRoom();
  const [actionError, setActionError] = useState<string | null>(null);
  const approved = openQuestions(view.questions);
  const columnsRef = useRef<HTMLDivElement>(null);
  const isMisaimed = useSettledClicks(columnsRef, "questions");

  async function act(move: Move, question: QuestionView, event: MouseEvent<HTMLButtonElement>, settleKey: string) {
    // The card slid under the pointer a moment ago: the click was meant for another question.
    if (isMisaimed(event, settleKey)) return setActionError(MOVED_MESSAGE);
    const response = await request(move, { id: question.id });
    setActionError(response.ok ? null : response.message);
  }

  return (
    <div className={styles.dashboard}>
      <div className={styles.summary}>
        <p className={styles.event} data-testid="event-title">
          <span className={styles.eventTitle}>{event.title}</span> <StateBadge state={event.state} />
        </p>
        <ConnectionStatus />
        <p className={styles.stat} data-testid="viewers-connected">
          <strong>{view.stats?.viewersConnected ?? "–"}</strong> watching now
        </p>
        <p className={styles.stat} data-testid="pending-count">
          <strong>{view.pending.length}</strong> waiting for review
        </p>
      </div>
      {actionError && (
        <p className={styles.error} role="alert">
          {actionError}
        </p>
      )}
      <div className={styles.columns} ref={columnsRef}>
        <section className={styles.column} aria-labelledby="pending-title">
          <h2 id="pending-title" className={styles.heading}>
            Pending questions <span className={styles.count}>{view.pending.length}</span>
          </h2>
          <QuestionColumn
            questions={view.pending}
            testId="pending-questions"
            isReady={view.isReady}
            empty="Nothing to review. New questions from attendees land here, oldest first."
            actions={(question, settleKey) => (
              <>
                <button type="button" className={buttonStyles.button} onClick={(event) => act("approve", question, event, settleKey)}>
                  Approve
                </button>
                <button type="button" className={buttonStyles.secondary} onClick={(event) => act("reject", question, event, settleKey)}>
                  Reject
                </button>
              </>
            )}
          />
        </section>
        <section className={styles.column} aria-labelledby="approved-title">
          <h2 id="approved-title" className={styles.heading}>
            On the speaker&apos;s screen <span className={styles.count}>{approved.length}</span>
          </h2>
          <QuestionColumn
            questions={approved}
            testId="approved-questions"
            isReady={view.isReady}
            showVotes
            empty="Approved questions wait here, most votes first, until they are answered."
            actions={(question, settleKey) => (
              <button type="button" className={buttonStyles.secondary} onClick={(event) => act("answer", question, event, settleKey)}>
                Mark answered
              </button>
            )}
          />
        </section>
        <section className={`${styles.column} ${styles.chat}`} aria-labelledby="chat-title">
          <h2 id="chat-title" className={styles.heading}>
            Live chat
          </h2>
          <ChatPanel canHide emptyText="Chat messages appear here as attendees write them." />
        </section>
      </div>
    </div>
  );
}

function QuestionColumn({
  questions,
  testId,
  isReady,
  empty,
  showVotes = false,
  actions,
}: {
  questions: QuestionView[];
  testId: string;
  isReady: boolean;
  empty: string;
  showVotes?: boolean;
  actions: (question: QuestionView, settleKey: string) => React.ReactNode;
}) {
  if (!isReady) return <p className={styles.empty}>Loading…</p>;
  if (questions.length === 0) return <p className={styles.empty}>{empty}</p>;
  return (
    <ul className={styles.list} data-testid={testId}>
      {questions.map((question) => {
        const settleKey = `questions:${testId}:${question.id}`;
        return (
          <li key={question.id} className={styles.card} data-testid="question" data-question-id={question.id} data-settle-key={settleKey}>
            <p className={styles.text}>{question.text}</p>
            <p className={styles.meta}>
              {question.userName} · <ClockTime iso={question.createdAt} />
              {showVotes && (
                <>
                  {" · "}
                  <span data-testid="votes">{question.votes}</span> {question.votes === 1 ? "vote" : "votes"}
                </>
              )}
            </p>
            <div className={styles.actions}>{actions(question, settleKey)}</div>
          </li>
        );
      })}
    </ul>
  );
}
