import mariadb from "mariadb";
import { parseDatabaseUrl } from "../lib/database-url";
import type { IdSet } from "./id-set";
import type { SoakViewer } from "./soak-viewer";

// The end of the soak: every chat message the server acknowledged must be in
// the database, and in every viewer, whether it arrived live or in the resync
// after a reconnect. A viewer is excused only what the contract lets it miss:
// a message it was told was hidden (a resync leaves those out), and the gap a
// fresh `state` skips after more than 500 missed messages.

const LISTED = 20;

/** A message a viewer lacks: who sent it, whether its ack came back, and the resume that should have brought it. */
export type MissingMessage = { id: number; sender: string | null; wasAcked: boolean; resumedAfter: number | null };
export type ViewerLoss = { viewer: number; missing: number; first: MissingMessage[]; blips: number; resyncs: number };

export type ChatAudit = {
  acked: number;
  stored: number;
  ackedButNotStored: number[];
  /** Rows the run wrote whose ack never came back (timed out): stored, so viewers should have them too. */
  storedButNotAcked: number;
  viewersChecked: number;
  viewersNotConnectedAtEnd: number[];
  viewersThatReconnected: number;
  resyncs: number;
  freshStatesAfterReconnect: number;
  excusedHidden: number;
  excusedSkipped: number;
  viewersWithLoss: number;
  /** Viewers that lack at least one stored message, worst first (the first 20). */
  losses: ViewerLoss[];
  lostDeliveries: number;
};

/** Every message stored since the run began, with the sender's clientId (soak-<viewer>-<n>). */
async function storedChat(databaseUrl: string, firstId: number): Promise<Map<number, string | null>> {
  const connection = await mariadb.createConnection(parseDatabaseUrl(databaseUrl));
  try {
    const rows: { id: number; client_id: string | null }[] = await connection.query("SELECT id, client_id FROM chat_messages WHERE id >= ? ORDER BY id", [firstId]);
    return new Map(rows.map((row) => [Number(row.id), row.client_id]));
  } finally {
    await connection.end();
  }
}

export async function auditChat(databaseUrl: string, acked: IdSet, viewers: SoakViewer[]): Promise<ChatAudit> {
  const clientIds = await storedChat(databaseUrl, acked.base);
  const stored = [...clientIds.keys()];
  const ackedIds = [...acked];
  let excusedHidden = 0;
  let excusedSkipped = 0;
  const losses: ViewerLoss[] = [];
  const connected = viewers.filter((viewer) => viewer.isIn);
  for (const viewer of connected) {
    const missing: number[] = [];
    // Every stored message counts: one whose ack timed out still went out to everyone.
    for (const id of stored) {
      if (viewer.received.has(id)) continue;
      if (viewer.toldHidden.has(id)) excusedHidden++;
      else if (viewer.skipped.some(([after, before]) => id > after && id < before)) excusedSkipped++;
      else missing.push(id);
    }
    if (!missing.length) continue;
    // The first resume that claimed to hold something newer than the message: it skipped it.
    const describe = (id: number): MissingMessage => ({
      id,
      sender: clientIds.get(id) ?? null,
      wasAcked: acked.has(id),
      resumedAfter: viewer.resumes.find((resume) => resume.lastChatId > id)?.lastChatId ?? null,
    });
    losses.push({ viewer: viewer.index, missing: missing.length, first: missing.slice(0, 5).map(describe), blips: viewer.blips, resyncs: viewer.resyncs });
  }
  losses.sort((a, b) => b.missing - a.missing);
  return {
    acked: acked.size,
    stored: stored.length,
    ackedButNotStored: ackedIds.filter((id) => !clientIds.has(id)),
    storedButNotAcked: stored.filter((id) => !acked.has(id)).length,
    viewersChecked: connected.length,
    viewersNotConnectedAtEnd: viewers.filter((viewer) => !viewer.isIn).map((viewer) => viewer.index),
    viewersThatReconnected: viewers.filter((viewer) => viewer.states > 1).length,
    resyncs: viewers.reduce((total, viewer) => total + viewer.resyncs, 0),
    freshStatesAfterReconnect: viewers.reduce((total, viewer) => total + viewer.skipped.length, 0),
    excusedHidden,
    excusedSkipped,
    viewersWithLoss: losses.length,
    losses: losses.slice(0, LISTED),
    lostDeliveries: losses.reduce((total, loss) => total + loss.missing, 0),
  };
}

/** Lost: acked but not stored, or stored but missing from a connected viewer, or a viewer that never came back to be checked. */
export const isChatLost = (audit: ChatAudit) => audit.ackedButNotStored.length > 0 || audit.lostDeliveries > 0 || audit.viewersNotConnectedAtEnd.length > 0;
