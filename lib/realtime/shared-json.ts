import * as parser from "socket.io-parser";

/**
 * An event payload already serialized, e.g. a `state` whose shared part (the
 * room snapshot) was made into JSON once for every joiner. Socket.IO would
 * otherwise run JSON.stringify over the whole room for each socket.
 */
export class SerializedPayload {
  constructor(readonly json: string) {}
}

/** socket.io-parser's encoder, which writes a SerializedPayload as it stands. */
class Encoder extends parser.Encoder {
  encode(packet: parser.Packet) {
    if (packet.type !== parser.PacketType.EVENT || packet.data.length !== 2 || !(packet.data[1] instanceof SerializedPayload)) return super.encode(packet);
    const [event, payload] = packet.data as [string, SerializedPayload];
    // The packet's header (type, namespace, ack id) exactly as the stock encoder writes it, then the event name and the JSON.
    const [withoutPayload] = super.encode({ ...packet, data: [event] }) as string[];
    return [`${withoutPayload.slice(0, -1)},${payload.json}]`];
  }
}

/** The `parser` option of Socket.IO's Server: the stock decoder, and the encoder above. */
export const sharedJsonParser = { ...parser, Encoder };
