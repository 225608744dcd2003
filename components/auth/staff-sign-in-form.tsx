"use client";

import { useActionState } from "react";
import { signInStaff, type StaffSignInState } from "@/app/(staff)/staff/sign-in.action";
import { Field } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import buttonStyles from "@/components/ui/button.module.css";
import styles from "./form.module.css";

export function StaffSignInForm({ next }: { next?: string }) {
  const [state, formAction, isPending] = useActionState<StaffSignInState, FormData>(signInStaff, {});
  return (
    <form action={formAction} noValidate className={styles.form}>
      {state.message && <Notice tone="error">{state.message}</Notice>}
      {next && <input type="hidden" name="next" value={next} />}
      <Field name="email" label="Email" type="email" autoComplete="username" defaultValue={state.values?.email} error={state.errors?.email} />
      <Field name="password" label="Password" type="password" autoComplete="current-password" error={state.errors?.password} />
      <button type="submit" className={`${buttonStyles.button} ${buttonStyles.block}`} disabled={isPending}>
        {isPending ? "Signing in…" : "Sign in"}
      </button>
    </form>
  );
}
