import type { ErrorCode } from "./contract";

/** An expected refusal (unknown id, wrong state…): becomes an error ack with this code and sentence. */
export class RoomError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
  }
}
