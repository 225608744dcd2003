import Link from "next/link";
import buttonStyles from "@/components/ui/button.module.css";
import { AREAS, canOpen, type Area } from "@/lib/access";
import type { CurrentUser } from "@/lib/auth";
import { eventPath, type EventArea } from "@/lib/events/event-paths";
import type { Role } from "@/lib/generated/prisma/enums";
import { SignOutForm } from "./sign-out-form";
import styles from "./site-header.module.css";

const ROLE_LABELS: Record<Role, string> = { viewer: "Attendee", moderator: "Moderator", speaker: "Speaker", admin: "Admin" };

const EVENT_AREAS: readonly string[] = ["/watch", "/mod", "/speaker", "/reports"] satisfies EventArea[];

type HeaderEvent = { slug: string; isFeatured: boolean | null };

/** Brand, the areas this person may open (on the page's event: the featured one's are the seed's routes), who is signed in, and sign-out. */
export function SiteHeader({ user, current, event }: { user: CurrentUser; current: Area; event?: HeaderEvent }) {
  const areas = (Object.keys(AREAS) as Area[]).filter((area) => canOpen(user.role, area));
  const hrefOf = (area: Area) => (event && EVENT_AREAS.includes(area) ? eventPath(event, area as EventArea) : area);
  return (
    <header className={styles.header}>
      <Link href={hrefOf("/watch")} className={styles.brand}>
        <span className={styles.mark} aria-hidden="true" />
        Podium
      </Link>
      {areas.length > 1 && (
        <nav aria-label="Areas" className={styles.nav}>
          {areas.map((area) => (
            <Link key={area} href={hrefOf(area)} aria-current={area === current ? "page" : undefined} className={styles.navLink}>
              {AREAS[area].label}
            </Link>
          ))}
        </nav>
      )}
      <div className={styles.account}>
        <span className={styles.who}>
          <span className={styles.name} data-testid="signed-in-name">
            {user.name}
          </span>
          <span className={styles.role}>{ROLE_LABELS[user.role]}</span>
        </span>
        <SignOutForm buttonClassName={`${buttonStyles.secondary} ${styles.signOut}`} messageClassName={styles.signOutFailed} />
      </div>
    </header>
  );
}
