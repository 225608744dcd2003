import styles from "./stream.module.css";

export const metadata = { title: "Stream" };

// The default STREAM_URL: a stand-in Podium serves itself, so /watch works with
// no network. Set STREAM_URL to your player's embed URL for a real event.
export default function StreamPlaceholderPage() {
  return (
    <main className={styles.screen}>
      <p className={styles.badge}>Stream</p>
      <p className={styles.title}>The live video will play here</p>
      <p className={styles.hint}>Organisers: set STREAM_URL to your player&apos;s embed address.</p>
    </main>
  );
}
