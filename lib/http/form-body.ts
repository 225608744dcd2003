import type { IncomingMessage } from "node:http";

/**
 * A multipart post's body read as a form: Next answers one it cannot parse
 * (no boundary, cut short, a boundary that never comes) with a bare 500. The
 * body, at most MAX_BODY_BYTES and of a stated length (guard-request.ts
 * checks both first), is read here and put back at the front of the request's
 * stream, where Next reads it as if nothing had happened.
 * "garbled": it is no form. Null: the client never sent the whole body (it hung up or stalled).
 */
export async function readForm(request: IncomingMessage, length: number, timeoutMs = 10_000): Promise<FormData | "garbled" | null> {
  const body = await peekBody(request, length, timeoutMs);
  if (!body) return null;
  try {
    return await new Response(new Uint8Array(body), { headers: { "content-type": String(request.headers["content-type"]) } }).formData();
  } catch {
    return "garbled";
  }
}

/**
 * The next `length` bytes of the body, left in the stream. Read in paused mode
 * as it arrives (the stream buffers only 16 KB before it stops asking for
 * more), then put back whole (unshift) in the same tick as the last read,
 * before the stream can end, so the request's reader later gets every byte
 * and then its end, as usual.
 */
export function peekBody(request: IncomingMessage, length: number, timeoutMs: number): Promise<Buffer | null> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let received = 0;
    const finish = (body: Buffer | null) => {
      clearTimeout(timer);
      request.off("readable", onReadable);
      request.off("close", onClose);
      resolve(body);
    };
    const onClose = () => finish(null);
    const onReadable = () => {
      for (let chunk: Buffer | null; received < length && (chunk = request.read()) !== null; ) {
        chunks.push(chunk);
        received += chunk.length;
      }
      if (received < length) {
        if (request.readableEnded) finish(null);
        return;
      }
      const body = Buffer.concat(chunks);
      if (length > 0) request.unshift(body);
      finish(body);
    };
    const timer = setTimeout(() => finish(null), timeoutMs);
    request.on("readable", onReadable);
    request.on("close", onClose);
  });
}
