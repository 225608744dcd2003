import styles from "./closed-note.module.css";

/** Stands in for a form the event's state has closed (chat after the end, Q&A switched off), saying why. */
export function ClosedNote({ children, testId }: { children: string; testId: string }) {
  return (
    <p className={styles.note} role="status" data-testid={testId}>
      <span aria-hidden="true" className={styles.icon}>
        🔒
      </span>
      {children}
    </p>
  );
}
