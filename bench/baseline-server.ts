// The baseline every figure is compared with: a bare Socket.IO 4.8 broadcast
// server with no authentication and no database, speaking just enough of
// Podium's contract (state on connection, chat broadcast to everyone with an
// ack, ping with an ack) for the same load to run against both.
// Env: PORT (required), REDIS_URL (optional: several processes share broadcasts).
import { createServer } from "node:http";
import { createAdapter } from "@socket.io/redis-streams-adapter";
import { Redis } from "ioredis";
import { Server } from "socket.io";

type Ack = (response: { ok: true }) => void;

const port = Number(process.env.PORT);
const httpServer = createServer();
// The same transport settings as Podium's attach-realtime.ts, so only the application differs.
const io = new Server(httpServer, { serveClient: false, maxHttpBufferSize: 1_000_000, pingInterval: 10_000, pingTimeout: 10_000 });
if (process.env.REDIS_URL) io.adapter(createAdapter(new Redis(process.env.REDIS_URL)));

let lastId = 0;
io.on("connection", (socket) => {
  socket.join("viewers");
  socket.emit("state", { chat: [], serverTime: new Date().toISOString(), heartbeatSeconds: 60 });
  socket.on("chat", (payload: { text?: unknown }, ack?: Ack) => {
    // Shaped like Podium's chat message, so both servers push the same bytes to each viewer.
    io.to("viewers").emit("chat", { id: ++lastId, userId: 0, userName: "Baseline", text: String(payload?.text ?? ""), createdAt: new Date().toISOString() });
    ack?.({ ok: true });
  });
  socket.on("ping", (_payload: unknown, ack?: Ack) => ack?.({ ok: true }));
});

httpServer.listen(port, "127.0.0.1", () => console.log(`Baseline is ready on http://127.0.0.1:${port}`));

function shutDown() {
  void io.close().finally(() => process.exit(0));
}
process.on("SIGTERM", shutDown);
process.on("SIGINT", shutDown);
