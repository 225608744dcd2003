import { askQuestion } from "../../questions/ask-question";
import { changeQuestionStatus, type QuestionMove } from "../../questions/change-question-status";
import { toggleVote } from "../../questions/toggle-vote";
import { idPayloadSchema, textPayloadSchema } from "../../validation/realtime";
import { ROOMS, type Role } from "../contract";
import { defineHandler } from "../define-handler";
import { isWithinLimit } from "../rate-limit";
import { ANSWERING_ROLES, MODERATOR_ROLES } from "../room-state";
import { RoomError } from "../room-error";
import { publishQuestion } from "../room-updates";

const moves: { event: "approve" | "reject" | "answer"; move: QuestionMove; roles: readonly Role[] }[] = [
  { event: "approve", move: "approve", roles: MODERATOR_ROLES },
  { event: "reject", move: "reject", roles: MODERATOR_ROLES },
  { event: "answer", move: "answer", roles: ANSWERING_ROLES },
];

export const questionHandlers = [
  defineHandler("ask", {
    schema: textPayloadSchema,
    async run({ text }, socket) {
      const { user } = socket.data;
      if (!(await isWithinLimit("ask", user.id))) throw new RoomError("rate_limited", "You are asking too fast. Wait a little before the next question.");
      const question = await askQuestion(user, text);
      publishQuestion(socket.nsp.server, question, { isPendingCountChanged: true });
      return { question };
    },
  }),

  ...moves.map(({ event, move, roles }) =>
    defineHandler(event, {
      roles,
      schema: idPayloadSchema,
      async run({ id }, socket) {
        const { question, hasChanged } = await changeQuestionStatus(id, move);
        // Sent even for a repeat: if an earlier attempt stored the change but failed before its
        // broadcast, the repeat is what tells everyone. Clients treat it as an update, not news.
        publishQuestion(socket.nsp.server, question, { isPendingCountChanged: hasChanged && move !== "answer" });
        return { question };
      },
    }),
  ),

  defineHandler("upvote", {
    schema: idPayloadSchema,
    async run({ id }, socket) {
      const { user } = socket.data;
      if (!(await isWithinLimit("upvote", user.id))) throw new RoomError("rate_limited", "Too many votes at once. Wait a moment.");
      const result = await toggleVote(id, user.id);
      publishQuestion(socket.nsp.server, result.question);
      // The voter's other tabs learn their own vote too.
      socket.nsp.server.to(ROOMS.user(user.id)).emit("vote", { id, hasVoted: result.hasVoted });
      return result;
    },
  }),
];
