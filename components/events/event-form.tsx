"use client";

import Link from "next/link";
import { useActionState, useState, type FormEvent } from "react";
import { Field } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import buttonStyles from "@/components/ui/button.module.css";
import fieldStyles from "@/components/ui/field.module.css";
import { slugFromTitle } from "@/lib/events/event-slug";
import { eventFormSchema, eventFormValues, type EventFormField, type EventFormState } from "@/lib/validation/event-form";
import { fieldErrors } from "@/lib/validation/form-state";
import styles from "./event-form.module.css";

type Values = Partial<Record<EventFormField, string>>;
type EventFormAction = (previous: EventFormState, formData: FormData) => Promise<EventFormState>;

const FIELD_ORDER: EventFormField[] = ["title", "slug", "description", "streamUrl", "startsAt", "endsAt"];

/**
 * Create or edit an event. Checked in the browser with the same schema as the action, so most
 * mistakes show at once. On a new event the link name follows the title until the organiser types one.
 */
export function EventForm({
  action,
  eventId,
  initial,
  timeZone,
  zoneLabel,
  linkPrefix,
  registrations = 0,
  submitLabel,
  cancelHref,
}: {
  action: EventFormAction;
  eventId?: number;
  initial: Values;
  timeZone: string;
  zoneLabel: string;
  /** The attendee link up to the slug: https://host/e/ */
  linkPrefix: string;
  registrations?: number;
  submitLabel: string;
  cancelHref: string;
}) {
  const [state, formAction, isPending] = useActionState<EventFormState, FormData>(action, {});
  const [browserErrors, setBrowserErrors] = useState<Values | null>(null);
  const values = state.values ?? initial;
  const errors = browserErrors ?? state.errors ?? {};
  const isNew = eventId === undefined;
  const isSlugLocked = registrations > 0;
  const [slug, setSlug] = useState(values.slug ?? "");
  const [isSlugTyped, setIsSlugTyped] = useState(!isNew || Boolean(values.slug));

  function checkBeforeSending(event: FormEvent<HTMLFormElement>) {
    const form = new FormData(event.currentTarget);
    const parsed = eventFormSchema.safeParse(eventFormValues((field) => String(form.get(field) ?? "")));
    if (parsed.success) return setBrowserErrors(null);
    event.preventDefault();
    const found = fieldErrors<EventFormField>(parsed.error.issues);
    setBrowserErrors(found);
    const firstInvalid = FIELD_ORDER.find((field) => found[field]);
    if (firstInvalid) event.currentTarget.querySelector<HTMLElement>(`[name="${firstInvalid}"]`)?.focus();
  }

  const slugHint = isSlugLocked
    ? `Locked: ${registrations === 1 ? "1 person has" : `${registrations} people have`} registered with this link, so it can't change.`
    : `It can change until someone registers. Attendee link: ${linkPrefix}${slug || "…"}`;

  return (
    <form action={formAction} onSubmit={checkBeforeSending} noValidate className={styles.form}>
      {eventId !== undefined && <input type="hidden" name="eventId" value={eventId} />}
      <input type="hidden" name="timeZone" value={timeZone} />
      {(state.message || errors.timeZone) && <Notice tone="error">{state.message ?? errors.timeZone}</Notice>}

      <Field
        name="title"
        label="Title"
        defaultValue={values.title}
        error={errors.title}
        maxLength={200}
        onChange={(event) => {
          if (!isSlugTyped) setSlug(slugFromTitle(event.currentTarget.value));
        }}
      />
      <Field
        name="slug"
        label="Link name"
        value={slug}
        onChange={(event) => {
          setSlug(event.currentTarget.value);
          setIsSlugTyped(true);
        }}
        readOnly={isSlugLocked}
        aria-readonly={isSlugLocked || undefined}
        hint={slugHint}
        error={errors.slug}
        maxLength={64}
        autoCapitalize="none"
        spellCheck={false}
      />

      <div className={fieldStyles.field}>
        <label htmlFor="field-description" className={fieldStyles.label}>
          Description <span className={styles.optional}>(optional)</span>
        </label>
        <textarea
          id="field-description"
          name="description"
          rows={4}
          maxLength={4000}
          defaultValue={values.description}
          className={`${fieldStyles.input} ${styles.textarea}`}
          aria-invalid={errors.description ? true : undefined}
          aria-describedby={errors.description ? "field-description-error" : undefined}
        />
        {errors.description && (
          <p id="field-description-error" className={fieldStyles.error} role="alert">
            <span aria-hidden="true">⚠ </span>
            {errors.description}
          </p>
        )}
      </div>

      <Field
        name="streamUrl"
        label="Stream URL (optional)"
        defaultValue={values.streamUrl}
        error={errors.streamUrl}
        hint="The video attendees see: an https:// embed address, or /stream for Podium's placeholder. Empty uses the server's default stream."
        inputMode="url"
        autoCapitalize="none"
        spellCheck={false}
      />

      <fieldset className={styles.group}>
        <legend className={styles.legend}>When</legend>
        <p className={styles.groupHint}>Times in {zoneLabel}. Attendees see them in their own time zone. The event goes live only when you press Go live.</p>
        <div className={styles.times}>
          <Field name="startsAt" label="Starts at" type="datetime-local" defaultValue={values.startsAt} error={errors.startsAt} />
          <Field name="endsAt" label="Ends at (optional)" type="datetime-local" defaultValue={values.endsAt} error={errors.endsAt} />
        </div>
      </fieldset>

      <fieldset className={styles.group}>
        <legend className={styles.legend}>Room</legend>
        <label className={styles.switch}>
          <input type="checkbox" name="isChatOn" defaultChecked={values.isChatOn === "on"} className={styles.checkbox} />
          <span>
            <span className={styles.switchLabel}>Chat on</span>
            <span className={styles.switchHint}>Attendees can chat, before the start too. After the end the chat stays readable.</span>
          </span>
        </label>
        <label className={styles.switch}>
          <input type="checkbox" name="isQaOn" defaultChecked={values.isQaOn === "on"} className={styles.checkbox} />
          <span>
            <span className={styles.switchLabel}>Q&amp;A on</span>
            <span className={styles.switchHint}>Attendees can ask and upvote questions; moderators approve them. Closes when the event ends.</span>
          </span>
        </label>
      </fieldset>

      <div className={styles.buttons}>
        <button type="submit" className={buttonStyles.button} disabled={isPending}>
          {isPending ? "Saving…" : submitLabel}
        </button>
        <Link href={cancelHref} className={buttonStyles.secondary}>
          Cancel
        </Link>
      </div>
    </form>
  );
}
