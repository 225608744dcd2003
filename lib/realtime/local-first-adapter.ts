import type { createAdapter } from "@socket.io/redis-streams-adapter";

type AdapterFactory = ReturnType<typeof createAdapter>;
type Publisher = { publishAndReturnOffset: (message: unknown) => Promise<string> };

/**
 * Socket.IO's cluster adapter writes each broadcast to the Redis stream and
 * only then delivers it to this process's own sockets. While Redis is away
 * that write waits in the client's offline queue, and so would every chat
 * message for the people on this very process. Here the write is sent but
 * not waited for: this process's sockets get the broadcast at once, and the
 * other processes get it from the stream when Redis is back (or, after a
 * long outage, not at all: their room snapshots reload then, and their
 * clients' next reconnect resyncs). The offset it would have returned only
 * serves Socket.IO's connection state recovery, which Podium does not use.
 */
export function deliverLocallyFirst(factory: AdapterFactory): AdapterFactory {
  // Socket.IO calls the adapter with `new`: a plain function (not an arrow) that returns the adapter.
  return function localFirstAdapter(nsp: unknown) {
    const adapter = factory(nsp);
    const publisher = adapter as unknown as Publisher;
    const publish = publisher.publishAndReturnOffset.bind(adapter);
    publisher.publishAndReturnOffset = (message) => {
      // Failures are reported once by the shared Redis client (lib/redis.ts).
      publish(message).catch(() => {});
      return Promise.resolve("");
    };
    return adapter;
  };
}
