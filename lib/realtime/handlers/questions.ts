import { askQuestion } from "../../questions/ask-question";
import { changeQuestionStatus, type QuestionMove } from "../../questions/change-question-status";
import { toggleVote } from "../../questions/toggle-vote";
import { idPayloadSchema, textPayloadSchema } from "../../validation/realtime";
import { ROOMS, type Role } from "../contract";
import { defineHandler } from "../define-handler";
import { currentEvent, requireQaOpen } from "../event-gate";
import { ANSWERING_ROLES, MODERATOR_ROLES } from "../room-state";
import { publishQuestion } from "../room-updates";

const moves: { event: "approve" | "reject" | "answer"; move: QuestionMove; roles: readonly Role[] }[] = [
  { event: "approve", move: "approve", roles: MODERATOR_ROLES },
  { event: "reject", move: "reject", roles: MODERATOR_ROLES },
  { event: "answer", move: "answer", roles: ANSWERING_ROLES },
];

export const questionHandlers = [
  defineHandler("ask", {
    schema: textPayloadSchema,
    limit: "ask",
    async run({ text }, socket) {
      const { user, eventId } = socket.data;
      await requireQaOpen(socket);
      const question = await askQuestion(eventId, user, text);
      publishQuestion(socket.nsp.server, eventId, question, { isPendingCountChanged: true });
      return { question };
    },
  }),

  ...moves.map(({ event, move, roles }) =>
    defineHandler(event, {
      roles,
      schema: idPayloadSchema,
      limit: "moderate",
      async run({ id }, socket) {
        const { eventId } = socket.data;
        // Moderation goes on after the end (answering the last questions), but not in an archived event.
        await currentEvent(socket);
        const { question, hasChanged } = await changeQuestionStatus(eventId, id, move);
        // A repeat (the question is already there) changes nothing and tells nobody; its ack carries the current state.
        if (hasChanged) publishQuestion(socket.nsp.server, eventId, question, { isPendingCountChanged: move !== "answer" });
        return { question };
      },
    }),
  ),

  defineHandler("upvote", {
    schema: idPayloadSchema,
    limit: "upvote",
    async run({ id }, socket) {
      const { user, eventId } = socket.data;
      await requireQaOpen(socket);
      const result = await toggleVote(eventId, id, user.id);
      publishQuestion(socket.nsp.server, eventId, result.question);
      // The voter's other tabs in this event learn their own vote too.
      socket.nsp.server.to(ROOMS.attendee(eventId, user.id)).emit("vote", { id, hasVoted: result.hasVoted });
      return result;
    },
  }),
];
