import * as parser from "socket.io-parser";
import { describe, expect, it } from "vitest";
import { SerializedPayload, sharedJsonParser } from "@/lib/realtime/shared-json";

describe("the encoder for pre-serialized payloads", () => {
  const state = { user: { id: 7, name: "Zoë \"Z\" O'Brien" }, chat: [{ id: 1, text: "<b>☃</b>\n" }] };

  it("writes exactly what the stock encoder writes for the same object", () => {
    for (const packet of [
      { type: parser.PacketType.EVENT, nsp: "/", data: ["state", state] },
      { type: parser.PacketType.EVENT, nsp: "/admin", id: 12, data: ["state", state] },
    ]) {
      const stock = new parser.Encoder().encode(packet);
      const shared = new sharedJsonParser.Encoder().encode({ ...packet, data: ["state", new SerializedPayload(JSON.stringify(state))] });
      expect(shared).toEqual(stock);
    }
  });

  it("leaves every other packet to the stock encoder", () => {
    for (const packet of [
      { type: parser.PacketType.EVENT, nsp: "/", data: ["chat", { text: "hi" }] },
      { type: parser.PacketType.CONNECT_ERROR, nsp: "/", data: { message: "unauthorized" } },
      { type: parser.PacketType.CONNECT, nsp: "/", data: { sid: "abc" } },
      { type: parser.PacketType.DISCONNECT, nsp: "/" },
      { type: parser.PacketType.ACK, nsp: "/", id: 3, data: [{ ok: true }] },
    ]) {
      expect(new sharedJsonParser.Encoder().encode(packet)).toEqual(new parser.Encoder().encode(packet));
    }
  });

  it("round-trips through the stock decoder", () => {
    const decoded: parser.Packet[] = [];
    const decoder = new sharedJsonParser.Decoder();
    decoder.on("decoded", (packet: parser.Packet) => decoded.push(packet));
    const [encoded] = new sharedJsonParser.Encoder().encode({ type: parser.PacketType.EVENT, nsp: "/", data: ["state", new SerializedPayload(JSON.stringify(state))] });
    decoder.add(encoded as string);
    expect(decoded[0].data).toEqual(["state", state]);
  });
});
