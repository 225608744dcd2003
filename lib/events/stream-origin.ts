/**
 * The origin a stream URL is framed from: what the page's Content-Security-Policy must allow in
 * `frame-src` (lib/http/security-headers.ts), and what the watch page compares when an organiser
 * moves the stream (components/watch/event-stage.tsx). Null for a path: Podium's own placeholder.
 */
export function streamOrigin(streamUrl: string): string | null {
  if (streamUrl.startsWith("/")) return null;
  try {
    return new URL(streamUrl).origin;
  } catch {
    return null;
  }
}
