"use client";

import { useEffect, useState } from "react";
import buttonStyles from "@/components/ui/button.module.css";
import styles from "./event-link.module.css";

/** Copies the attendee link; says so, or says to copy it by hand where the browser refuses. */
export function CopyLinkButton({ url, label = "Copy link" }: { url: string; label?: string }) {
  const [outcome, setOutcome] = useState<"copied" | "failed" | null>(null);
  useEffect(() => {
    if (!outcome) return;
    const timer = setTimeout(() => setOutcome(null), 4000);
    return () => clearTimeout(timer);
  }, [outcome]);

  async function copy() {
    try {
      await navigator.clipboard.writeText(url);
      setOutcome("copied");
    } catch {
      setOutcome("failed");
    }
  }

  return (
    <span className={styles.copy}>
      <button type="button" className={`${buttonStyles.secondary} ${styles.copyButton}`} onClick={copy}>
        {label}
      </button>
      <span role="status" className={outcome === "failed" ? styles.copyFailed : styles.copied}>
        {outcome === "copied" ? "Copied" : outcome === "failed" ? "Copy it by hand: the browser refused" : ""}
      </span>
    </span>
  );
}
