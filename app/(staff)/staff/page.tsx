import Link from "next/link";
import { redirect } from "next/navigation";
import { AuthCard } from "@/components/auth/auth-card";
import { StaffSignInForm } from "@/components/auth/staff-sign-in-form";
import { Notice } from "@/components/ui/notice";
import { AREAS, areaOfPath, homeFor } from "@/lib/access";
import { getCurrentUser } from "@/lib/auth";
import { safeNextPath } from "@/lib/validation/next-path";

export const metadata = { title: "Staff sign-in" };

export default async function StaffSignInPage({ searchParams }: PageProps<"/staff">) {
  const { reason, next: rawNext } = await searchParams;
  const next = safeNextPath(rawNext) ?? undefined;
  const user = await getCurrentUser();
  // A staff member who is already signed in and was not bounced here goes straight to work.
  if (user && user.role !== "viewer" && !reason) redirect(homeFor(user.role));
  const nextArea = areaOfPath(next?.split("?")[0]);
  const area = nextArea ? AREAS[nextArea].name : "that page";

  return (
    <AuthCard
      title="Staff sign-in"
      lead="For moderators, speakers and admins. Accounts are created with npm run staff."
      footer={
        <>
          Here to watch? <Link href="/">Join as an attendee</Link>
        </>
      }
    >
      {reason === "signin" && <Notice>Sign in with a staff account to open {area}.</Notice>}
      {reason === "forbidden" && (
        <Notice tone="error">
          {user ? `You are signed in as ${user.name}, whose access does not include ${area}.` : `Your account cannot open ${area}.`} Sign in
          with an account that has access.
        </Notice>
      )}
      <StaffSignInForm next={next} />
    </AuthCard>
  );
}
