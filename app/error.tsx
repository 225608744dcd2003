"use client";

import { AuthCard } from "@/components/auth/auth-card";
import buttonStyles from "@/components/ui/button.module.css";

// Shown instead of a bare 500 when a page fails on the server (the database is
// down, say). The details stay in the server log.
export default function ErrorPage({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <AuthCard title="Something went wrong" lead="Podium could not load this page. Nothing you entered was lost on our side; please try again.">
      <button type="button" className={`${buttonStyles.button} ${buttonStyles.block}`} onClick={reset}>
        Try again
      </button>
    </AuthCard>
  );
}
