"use client";

import { useRef, useState, type MouseEvent } from "react";
import { SignOutForm } from "@/components/layout/sign-out-form";
import { ConnectionStatus } from "@/components/live-room/connection-status";
import type { EventInfo } from "@/lib/events/event-rules";
import { LiveRoomProvider, useLiveRoom } from "@/components/live-room/live-room-provider";
import { MOVED_MESSAGE, useSettledClicks } from "@/components/live-room/use-settled-clicks";
import { openQuestions } from "@/lib/questions/question-order";
import styles from "./speaker-board.module.css";

export function SpeakerBoard({ event, speakerName }: { event: EventInfo; speakerName: string }) {
  return (
    <LiveRoomProvider event={event} surface="speaker">
      <Board speakerName={speakerName} />
    </LiveRoomProvider>
  );
}

/** Approved, unanswered questions only, most votes first: readable from across the room. */
function Board({ speakerName }: { speakerName: string }) {
  const { event, view, request } = useLiveRoom();
  const [error, setError] = useState<string | null>(null);
  const questions = openQuestions(view.questions);
  const boardRef = useRef<HTMLDivElement>(null);
  const isMisaimed = useSettledClicks(boardRef, "speaker");

  async function markAnswered(id: number, event: MouseEvent<HTMLButtonElement>) {
    // Votes reorder the list live: a tap on a card that has just moved was meant for another question.
    if (isMisaimed(event, `speaker:${id}`)) return setError(MOVED_MESSAGE);
    const response = await request("answer", { id });
    setError(response.ok ? null : response.message);
  }

  return (
    <div className={styles.board} ref={boardRef}>
      <header className={styles.bar}>
        <div className={styles.heading}>
          <p className={styles.event} data-testid="event-title">
            {event.title}
            {event.state !== "live" && <span className={styles.eventState}>{event.state === "ended" ? "Ended" : "Not live yet"}</span>}
          </p>
          <h1 className={styles.title}>
            Questions <span className={styles.count}>{questions.length}</span>
          </h1>
        </div>
        <div className={styles.account}>
          <ConnectionStatus tone="dark" />
          <span className={styles.who} data-testid="signed-in-name">
            {speakerName}
          </span>
          <SignOutForm buttonClassName={styles.signOut} messageClassName={styles.signOutFailed} />
        </div>
      </header>
      {error && (
        <p className={styles.error} role="alert">
          {error}
        </p>
      )}
      {!view.isReady ? (
        <p className={styles.empty}>Connecting…</p>
      ) : questions.length === 0 ? (
        <p className={styles.empty}>No questions right now. Approved questions appear here the moment a moderator approves them.</p>
      ) : (
        <ol className={styles.list} data-testid="speaker-questions">
          {questions.map((question) => (
            <li key={question.id} className={styles.question} data-testid="question" data-question-id={question.id} data-settle-key={`speaker:${question.id}`}>
              <p className={styles.votes} aria-label={`${question.votes} ${question.votes === 1 ? "vote" : "votes"}`}>
                <span className={styles.voteNumber} data-testid="votes">
                  {question.votes}
                </span>
                <span aria-hidden="true" className={styles.voteWord}>
                  {question.votes === 1 ? "vote" : "votes"}
                </span>
              </p>
              <div className={styles.body}>
                <p className={styles.text}>{question.text}</p>
                <p className={styles.asker}>{question.userName}</p>
              </div>
              <button type="button" className={styles.answered} onClick={(event) => markAnswered(question.id, event)}>
                Answered
              </button>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
