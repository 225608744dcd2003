import Link from "next/link";
import { redirect } from "next/navigation";
import { AuthCard } from "@/components/auth/auth-card";
import { RegisterForm } from "@/components/auth/register-form";
import { Notice } from "@/components/ui/notice";
import { getCurrentUser } from "@/lib/auth";

export const metadata = { title: "Join the event" };

const REASONS = new Map<unknown, { tone: "info" | "success"; text: string }>([
  ["signin", { tone: "info", text: "Register or sign back in to watch the event." }],
  ["signed-out", { tone: "success", text: "You have signed out." }],
]);

export default async function RegisterPage({ searchParams }: PageProps<"/">) {
  const { reason } = await searchParams;
  const user = await getCurrentUser();
  if (user) redirect("/watch");
  const notice = REASONS.get(reason);

  return (
    <AuthCard
      title="Join the live event"
      lead="Watch the talk, chat with other attendees and ask the speaker your questions."
      footer={
        <>
          Moderator, speaker or organiser? <Link href="/staff">Staff sign-in</Link>
        </>
      }
    >
      {notice && <Notice tone={notice.tone}>{notice.text}</Notice>}
      <RegisterForm />
    </AuthCard>
  );
}
