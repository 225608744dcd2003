import { SiteHeader } from "@/components/layout/site-header";
import { WatchSidebar } from "@/components/watch/watch-sidebar";
import { requireUser } from "@/lib/auth";
import { toEventInfo } from "@/lib/events/find-event";
import { requireFeaturedEvent } from "@/lib/events/page-event";
import styles from "./watch.module.css";

export const metadata = { title: "Watch" };

export default async function WatchPage() {
  const user = await requireUser();
  const event = toEventInfo(await requireFeaturedEvent());
  return (
    <>
      <SiteHeader user={user} current="/watch" />
      <main className={styles.layout}>
        <section className={styles.stage} aria-labelledby="stage-title">
          <iframe className={styles.video} src={event.streamUrl} title="Live stream" allow="autoplay; fullscreen; picture-in-picture" allowFullScreen />
          <h1 id="stage-title" className={styles.welcome}>
            Welcome, {user.name}
          </h1>
          <p className={styles.lead}>Chat with other attendees and ask the speaker questions. Moderators review questions before they appear.</p>
        </section>
        <WatchSidebar event={event} />
      </main>
    </>
  );
}
