"use client";

import { useState } from "react";
import { useLiveRoom } from "@/components/live-room/live-room-provider";
import { isQaOpen } from "@/lib/events/event-rules";
import { openQuestions } from "@/lib/questions/question-order";
import { AskForm } from "./ask-form";
import styles from "./qa.module.css";
import { StatusBadge } from "./status-badge";

/** The attendee's Q&A: ask, vote on approved questions, and follow one's own questions. */
export function QaPanel() {
  const { event, view, request } = useLiveRoom();
  const [voteError, setVoteError] = useState<string | null>(null);
  // One vote request per question at a time: a double click must not cast and take back.
  const [votingOn, setVotingOn] = useState<number | null>(null);
  const open = openQuestions(view.questions);
  const answered = view.questions.filter((question) => question.status === "answered");

  async function vote(id: number) {
    setVotingOn(id);
    const response = await request("upvote", { id });
    setVotingOn(null);
    setVoteError(response.ok ? null : response.message);
  }

  return (
    <section className={styles.panel} aria-label="Questions and answers">
      <AskForm />

      <h2 className={styles.heading}>Questions</h2>
      {voteError && (
        <p className={styles.error} role="alert">
          {voteError}
        </p>
      )}
      {!view.isReady ? (
        <p className={styles.empty}>Loading questions…</p>
      ) : open.length + answered.length === 0 ? (
        <p className={styles.empty}>No questions yet. Approved questions appear here, and you can vote for the ones you want answered.</p>
      ) : (
        <ul className={styles.list} data-testid="public-questions">
          {[...open, ...answered].map((question) => {
            const hasVoted = view.myVotes.includes(question.id);
            return (
              <li key={question.id} className={styles.question} data-testid="question" data-question-id={question.id}>
                <button
                  type="button"
                  className={styles.vote}
                  aria-pressed={hasVoted}
                  disabled={question.status !== "approved" || votingOn === question.id || !isQaOpen(event)}
                  onClick={() => vote(question.id)}
                  aria-label={`${hasVoted ? "Remove your vote" : "Vote"} for “${question.text}” (${question.votes} ${question.votes === 1 ? "vote" : "votes"})`}
                >
                  <span aria-hidden="true">▲</span>
                  <span className={styles.voteCount} data-testid="votes">
                    {question.votes}
                  </span>
                </button>
                <div className={styles.body}>
                  <p className={styles.text}>{question.text}</p>
                  <p className={styles.meta}>
                    {question.userName}
                    {question.status === "answered" && <StatusBadge status="answered" />}
                  </p>
                </div>
              </li>
            );
          })}
        </ul>
      )}

      {view.myQuestions.length > 0 && (
        <>
          <h2 className={styles.heading}>My questions</h2>
          <ul className={styles.list} data-testid="my-questions">
            {view.myQuestions.map((question) => (
              <li key={question.id} className={styles.mine} data-testid="my-question" data-status={question.status}>
                <p className={styles.text}>{question.text}</p>
                <StatusBadge status={question.status} />
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
