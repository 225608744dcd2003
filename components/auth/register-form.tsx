"use client";

import { useActionState, useState, type FormEvent } from "react";
import { register, type RegisterState } from "@/app/(attendee)/register.action";
import { Field } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import buttonStyles from "@/components/ui/button.module.css";
import { fieldErrors } from "@/lib/validation/form-state";
import { registrationSchema, type RegistrationField } from "@/lib/validation/registration";
import styles from "./form.module.css";

type Errors = Partial<Record<RegistrationField, string>>;

/** Registration for one event (`eventSlug`, sent as the hidden `event` field): makes or finds the account, signs it in and registers it. */
export function RegisterForm({ eventSlug }: { eventSlug: string }) {
  const [state, formAction, isPending] = useActionState<RegisterState, FormData>(register, {});
  // Checked in the browser with the same schema as the server, so most mistakes show at once.
  const [browserErrors, setBrowserErrors] = useState<Errors | null>(null);
  const errors = browserErrors ?? state.errors ?? {};

  function checkBeforeSending(event: FormEvent<HTMLFormElement>) {
    const form = new FormData(event.currentTarget);
    const parsed = registrationSchema.safeParse(Object.fromEntries(form));
    if (parsed.success) {
      setBrowserErrors(null);
      return;
    }
    event.preventDefault();
    const found = fieldErrors<RegistrationField>(parsed.error.issues);
    setBrowserErrors(found);
    const firstInvalid = (["name", "email", "phone"] as const).find((field) => found[field]);
    if (firstInvalid) event.currentTarget.querySelector<HTMLInputElement>(`[name="${firstInvalid}"]`)?.focus();
  }

  return (
    <form action={formAction} onSubmit={checkBeforeSending} noValidate className={styles.form}>
      {state.message && <Notice tone="error">{state.message}</Notice>}
      <input type="hidden" name="event" value={eventSlug} />
      <Field name="name" label="Name" autoComplete="name" defaultValue={state.values?.name} error={errors.name} maxLength={80} />
      <Field name="email" label="Email" type="email" autoComplete="email" defaultValue={state.values?.email} error={errors.email} hint="Already registered? Use the same email to get straight back in." />
      <Field name="phone" label="Phone" type="tel" autoComplete="tel" defaultValue={state.values?.phone} error={errors.phone} />
      <button type="submit" className={`${buttonStyles.button} ${buttonStyles.block}`} disabled={isPending}>
        {isPending ? "Joining…" : "Join the event"}
      </button>
    </form>
  );
}
