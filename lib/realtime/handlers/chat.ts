import { hideChatMessage } from "../../chat/hide-chat-message";
import { postChatMessage } from "../../chat/post-chat-message";
import { chatPayloadSchema, idPayloadSchema } from "../../validation/realtime";
import { defineHandler } from "../define-handler";
import { isWithinLimit } from "../rate-limit";
import { MODERATOR_ROLES } from "../room-state";
import { RoomError } from "../room-error";
import { publishChat, publishChatHidden } from "../room-updates";

export const chatHandlers = [
  defineHandler("chat", {
    schema: chatPayloadSchema,
    async run({ text, clientId }, socket) {
      const { user } = socket.data;
      if (!(await isWithinLimit("chat", user.id))) throw new RoomError("rate_limited", "You are sending messages too fast. Wait a few seconds.");
      const { message, isNew } = await postChatMessage(user, text, clientId);
      if (isNew) publishChat(socket.nsp.server, message);
      return { message };
    },
  }),

  defineHandler("hide", {
    roles: MODERATOR_ROLES,
    schema: idPayloadSchema,
    async run({ id }, socket) {
      const { hiddenAt } = await hideChatMessage(id);
      if (hiddenAt) publishChatHidden(socket.nsp.server, id, hiddenAt);
      return { id };
    },
  }),
];
