"use client";

import { useActionState } from "react";
import { joinEvent, type JoinEventState } from "@/app/(attendee)/join-event.action";
import { Notice } from "@/components/ui/notice";
import buttonStyles from "@/components/ui/button.module.css";
import formStyles from "@/components/auth/form.module.css";

/** For a person already signed in: one click registers them for this event too. */
export function JoinEventForm({ eventSlug, name }: { eventSlug: string; name: string }) {
  const [state, formAction, isPending] = useActionState<JoinEventState, FormData>(joinEvent, {});
  return (
    <form action={formAction} className={formStyles.form}>
      {state.message && <Notice tone="error">{state.message}</Notice>}
      <p className={formStyles.signedIn}>
        You are signed in as <strong>{name}</strong>.
      </p>
      <input type="hidden" name="event" value={eventSlug} />
      <button type="submit" className={`${buttonStyles.button} ${buttonStyles.block}`} disabled={isPending}>
        {isPending ? "Joining…" : "Join this event"}
      </button>
    </form>
  );
}
