import type { ReactNode } from "react";
import styles from "./notice.module.css";

/** A short message above a form: why the person is here, or what went wrong. */
export function Notice({ tone = "info", children }: { tone?: "info" | "error" | "success"; children: ReactNode }) {
  return (
    <div className={`${styles.notice} ${styles[tone]}`} role={tone === "error" ? "alert" : "status"}>
      {children}
    </div>
  );
}
