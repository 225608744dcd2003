import Link from "next/link";
import { AuthCard } from "@/components/auth/auth-card";
import buttonStyles from "@/components/ui/button.module.css";

export const metadata = { title: "Not found" };

// An unknown address, or an event that was archived (its link stops working): a page that says so
// and leads back, instead of Next's bare 404.
export default function NotFoundPage() {
  return (
    <AuthCard title="This page isn't here" lead="The link may be mistyped, or the event it was for is no longer available.">
      <Link href="/" className={`${buttonStyles.button} ${buttonStyles.block}`}>
        Go to the home page
      </Link>
    </AuthCard>
  );
}
