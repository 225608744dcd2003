"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";

/** Tells the server this browser's time zone once, then re-renders the report in it. */
export function TimeZoneSync({ current, cookieName }: { current: string; cookieName: string }) {
  const router = useRouter();
  useEffect(() => {
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (!zone || zone === current) return;
    document.cookie = `${cookieName}=${encodeURIComponent(zone)}; path=/; max-age=31536000; samesite=lax`;
    router.refresh();
  }, [current, cookieName, router]);
  return null;
}
