import { askQuestion } from "../../questions/ask-question";
import { changeQuestionStatus, type QuestionMove } from "../../questions/change-question-status";
import { toggleVote } from "../../questions/toggle-vote";
import { idPayloadSchema, textPayloadSchema } from "../../validation/realtime";
import { ROOMS, type QuestionView, type Role } from "../contract";
import { defineHandler } from "../define-handler";
import type { RoomServer, RoomSocket } from "../io";
import { scheduleStatsBroadcast } from "../presence";
import { isWithinLimit } from "../rate-limit";
import { ANSWERING_ROLES, MODERATOR_ROLES } from "../room-state";
import { RoomError } from "../room-error";

/** Who may see a question in each status: pending and rejected ones stay between the asker and the moderators. */
function audienceOf(question: QuestionView) {
  return question.status === "pending" || question.status === "rejected" ? [ROOMS.moderators, ROOMS.user(question.userId)] : [ROOMS.viewers];
}

export function registerQuestionHandlers(io: RoomServer, socket: RoomSocket) {
  const { user } = socket.data;

  defineHandler(socket, "ask", {
    schema: textPayloadSchema,
    async run({ text }) {
      if (!(await isWithinLimit("ask", user.id))) throw new RoomError("rate_limited", "You are asking too fast. Wait a little before the next question.");
      const question = await askQuestion(user, text);
      io.to(audienceOf(question)).emit("question", question);
      scheduleStatsBroadcast(io, true);
      return { question };
    },
  });

  const moves: { event: "approve" | "reject" | "answer"; move: QuestionMove; roles: readonly Role[] }[] = [
    { event: "approve", move: "approve", roles: MODERATOR_ROLES },
    { event: "reject", move: "reject", roles: MODERATOR_ROLES },
    { event: "answer", move: "answer", roles: ANSWERING_ROLES },
  ];
  for (const { event, move, roles } of moves) {
    defineHandler(socket, event, {
      roles,
      schema: idPayloadSchema,
      async run({ id }) {
        const { question, hasChanged } = await changeQuestionStatus(id, move);
        // Sent even for a repeat: if an earlier attempt stored the change but failed before its
        // broadcast, the repeat is what tells everyone. Clients treat it as an update, not news.
        io.to(audienceOf(question)).emit("question", question);
        if (hasChanged && move !== "answer") scheduleStatsBroadcast(io, true);
        return { question };
      },
    });
  }

  defineHandler(socket, "upvote", {
    schema: idPayloadSchema,
    async run({ id }) {
      if (!(await isWithinLimit("upvote", user.id))) throw new RoomError("rate_limited", "Too many votes at once. Wait a moment.");
      const result = await toggleVote(id, user.id);
      io.to(ROOMS.viewers).emit("question", result.question);
      // The voter's other tabs learn their own vote too.
      io.to(ROOMS.user(user.id)).emit("vote", { id, hasVoted: result.hasVoted });
      return result;
    },
  });
}
