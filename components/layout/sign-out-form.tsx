"use client";

import { useActionState } from "react";
import { signOut, type SignOutState } from "@/app/sign-out.action";

/**
 * The Sign out button, in the header and on the speaker screen. A sign-out
 * that could not be recorded says so beside the button, which stays there to
 * try again; the page, and the session, carry on meanwhile.
 */
export function SignOutForm({ buttonClassName, messageClassName }: { buttonClassName: string; messageClassName: string }) {
  const [state, formAction, isPending] = useActionState<SignOutState, FormData>(signOut, {});
  return (
    <form action={formAction}>
      <button type="submit" className={buttonClassName} disabled={isPending}>
        {isPending ? "Signing out…" : "Sign out"}
      </button>
      {state.message && (
        <p role="alert" className={messageClassName}>
          {state.message}
        </p>
      )}
    </form>
  );
}
