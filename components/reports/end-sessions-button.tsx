"use client";

import { useActionState, useState } from "react";
import { endPersonSessions, type EndSessionsState } from "@/app/(staff)/reports/users/end-sessions.action";
import buttonStyles from "@/components/ui/button.module.css";
import styles from "./reports.module.css";

/** "End sessions" in a users-report row, with a confirmation step: signs that person out on every device. */
export function EndSessionsButton({ userId, name }: { userId: number; name: string }) {
  const [state, formAction, isPending] = useActionState<EndSessionsState, FormData>(endPersonSessions, {});
  const [isConfirming, setIsConfirming] = useState(false);

  if (state.outcome === "ended") {
    return (
      <span role="status" className={styles.rowNote}>
        {state.message}
      </span>
    );
  }
  if (!isConfirming) {
    return (
      <button type="button" className={`${buttonStyles.secondary} ${styles.rowButton}`} onClick={() => setIsConfirming(true)} aria-label={`End sessions of ${name}`}>
        End sessions
      </button>
    );
  }
  return (
    <form action={formAction} className={styles.rowConfirm}>
      <input type="hidden" name="userId" value={userId} />
      <span className={styles.rowNote}>{state.message ?? `Sign ${name} out on every device?`}</span>
      <button type="submit" className={`${buttonStyles.button} ${styles.rowButton}`} disabled={isPending}>
        End all sessions
      </button>
      <button type="button" className={`${buttonStyles.secondary} ${styles.rowButton}`} onClick={() => setIsConfirming(false)} disabled={isPending}>
        Cancel
      </button>
    </form>
  );
}
