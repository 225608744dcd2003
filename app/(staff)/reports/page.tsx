import { redirect } from "next/navigation";
import { requireRole } from "@/lib/auth";

export default async function ReportsIndexPage() {
  await requireRole("/reports");
  redirect("/reports/users");
}
