import { hideChatMessage } from "../../chat/hide-chat-message";
import { postChatMessage } from "../../chat/post-chat-message";
import { chatPayloadSchema, idPayloadSchema } from "../../validation/realtime";
import { ROOMS } from "../contract";
import { defineHandler } from "../define-handler";
import type { RoomServer, RoomSocket } from "../io";
import { isWithinLimit } from "../rate-limit";
import { MODERATOR_ROLES } from "../room-state";
import { RoomError } from "../room-error";

export function registerChatHandlers(io: RoomServer, socket: RoomSocket) {
  const { user } = socket.data;

  defineHandler(socket, "chat", {
    schema: chatPayloadSchema,
    async run({ text, clientId }) {
      if (!(await isWithinLimit("chat", user.id))) throw new RoomError("rate_limited", "You are sending messages too fast. Wait a few seconds.");
      const { message, isNew } = await postChatMessage(user, text, clientId);
      if (isNew) io.to(ROOMS.viewers).emit("chat", message);
      return { message };
    },
  });

  defineHandler(socket, "hide", {
    roles: MODERATOR_ROLES,
    schema: idPayloadSchema,
    async run({ id }) {
      const { wasVisible } = await hideChatMessage(id);
      if (wasVisible) io.to(ROOMS.viewers).emit("chat:hidden", { id });
      return { id };
    },
  });
}
