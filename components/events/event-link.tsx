import { CopyLinkButton } from "./copy-link-button";
import styles from "./event-link.module.css";

/** The attendee link in full, selectable, with a copy button. */
export function EventLink({ url, compact = false }: { url: string; compact?: boolean }) {
  return (
    <div className={compact ? styles.linkCompact : styles.link}>
      <a href={url} className={styles.url} data-testid="attendee-link">
        {url}
      </a>
      <CopyLinkButton url={url} />
    </div>
  );
}
