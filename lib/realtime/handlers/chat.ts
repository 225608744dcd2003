import { hideChatMessage } from "../../chat/hide-chat-message";
import { postChatMessage } from "../../chat/post-chat-message";
import { chatPayloadSchema, chatSincePayloadSchema, idPayloadSchema } from "../../validation/realtime";
import { CHAT_RESYNC_LIMIT } from "../contract";
import { defineHandler } from "../define-handler";
import { currentEvent, requireChatOpen } from "../event-gate";
import { readChatAfterSeq } from "../room-snapshot";
import { MODERATOR_ROLES } from "../room-state";
import { publishChat, publishChatHidden } from "../room-updates";

export const chatHandlers = [
  defineHandler("chat", {
    schema: chatPayloadSchema,
    limit: "chat",
    async run({ text, clientId }, socket) {
      const { user, eventId } = socket.data;
      await requireChatOpen(socket);
      const { message, isNew } = await postChatMessage(eventId, user, text, clientId);
      if (isNew) publishChat(socket.nsp.server, eventId, message);
      return { message };
    },
  }),

  // A client that holds a message with a gap below it asks for what it lacks (docs/realtime-contract.md).
  defineHandler("chat:since", {
    schema: chatSincePayloadSchema,
    limit: "resync",
    async run({ seq }, socket) {
      const { eventId } = socket.data;
      const { chat, chatSeq } = await readChatAfterSeq(eventId, seq, CHAT_RESYNC_LIMIT, { catchUp: true });
      return { chat, chatSeq };
    },
  }),

  defineHandler("hide", {
    roles: MODERATOR_ROLES,
    schema: idPayloadSchema,
    limit: "moderate",
    async run({ id }, socket) {
      // Hiding a hidden message again changes nothing and tells nobody.
      const { eventId } = socket.data;
      await currentEvent(socket);
      const { hiddenAt } = await hideChatMessage(eventId, id);
      if (hiddenAt) publishChatHidden(socket.nsp.server, eventId, id, hiddenAt);
      return { id };
    },
  }),
];
