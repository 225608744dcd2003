import type { QuestionStatus } from "@/lib/realtime/contract";
import styles from "./qa.module.css";

const LABELS: Record<QuestionStatus, string> = {
  pending: "Waiting for review",
  approved: "Approved",
  rejected: "Not approved",
  answered: "Answered",
};

export function StatusBadge({ status }: { status: QuestionStatus }) {
  return <span className={`${styles.badge} ${styles[status]}`}>{LABELS[status]}</span>;
}
