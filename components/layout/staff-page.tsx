import type { ComponentProps, ReactNode } from "react";
import type { StaffArea } from "@/lib/access";
import type { CurrentUser } from "@/lib/auth";
import { SiteHeader } from "./site-header";
import shell from "./page-shell.module.css";

/** A staff area's frame: header, title, a lead and the area's content. */
export function StaffPage({
  user,
  route,
  event,
  title,
  lead,
  wide = false,
  children,
}: {
  user: CurrentUser;
  route: StaffArea;
  /** The event the page is about, so the header's links stay on it. */
  event?: ComponentProps<typeof SiteHeader>["event"];
  title: string;
  lead: string;
  wide?: boolean;
  children?: ReactNode;
}) {
  return (
    <>
      <SiteHeader user={user} current={route} event={event} />
      <main className={`${shell.main} ${wide ? shell.wide : ""}`}>
        <h1 className={shell.title}>{title}</h1>
        <p className={shell.lead}>{lead}</p>
        {children}
      </main>
    </>
  );
}
