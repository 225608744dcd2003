import { HeartbeatBuffer } from "../analytics/heartbeat-buffer";
import { getLivePool } from "../db";
import { env } from "../env";

/** This process's buffer of joins and heartbeats; attach-realtime starts it, server.ts's shutdown stops (flushes) it. */
export const heartbeats = new HeartbeatBuffer(getLivePool, env.HEARTBEAT_SECONDS);
