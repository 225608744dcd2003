import type { ReactNode } from "react";
import type { StaffArea } from "@/lib/access";
import type { CurrentUser } from "@/lib/auth";
import { SiteHeader } from "./site-header";
import shell from "./page-shell.module.css";

/** A staff area's frame: header, title, a lead and the area's content. */
export function StaffPage({ user, route, title, lead, wide = false, children }: { user: CurrentUser; route: StaffArea; title: string; lead: string; wide?: boolean; children?: ReactNode }) {
  return (
    <>
      <SiteHeader user={user} current={route} />
      <main className={`${shell.main} ${wide ? shell.wide : ""}`}>
        <h1 className={shell.title}>{title}</h1>
        <p className={shell.lead}>{lead}</p>
        {children}
      </main>
    </>
  );
}
