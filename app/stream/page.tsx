import styles from "./stream.module.css";

export const metadata = { title: "Stream" };

// The default STREAM_URL: a stand-in Podium serves itself, so /watch works with
// no network. Organisers set each event's stream URL at /events (STREAM_URL is the default).
export default function StreamPlaceholderPage() {
  return (
    <main className={styles.screen}>
      <p className={styles.badge}>Stream</p>
      <p className={styles.title}>The live video will play here</p>
      <p className={styles.hint}>Organisers: set the event&apos;s stream URL to your player&apos;s embed address (Events, then Manage).</p>
    </main>
  );
}
