import { slugSchema } from "../events/event-slug";
import { parseStreamUrl } from "../events/stream-origin";
import { EARLIEST_YEAR, fromLocalDateTime, isInEventYears, isTimeZone, LATEST_YEAR } from "../events/zoned-time";
import { visibleText } from "./visible-text";
import type { FormState } from "./form-state";
import { z } from "./zod";

// The organiser's event form (/events/new and /events/<id>), shared by the
// form in the browser and the create and update actions: one definition of a
// valid event.

export const STREAM_PLACEHOLDER = "/stream";

export const STREAM_NOT_HTTPS = `Use an https:// address (for example https://www.youtube.com/embed/…), ${STREAM_PLACEHOLDER} for Podium's placeholder, or leave it empty for the server's default.`;
export const STREAM_BAD_SITE = "Use the stream's own address: a site name of letters, digits, dashes and dots (an optional :port), with no user name or password, and none of ; , * quotes or spaces.";

/**
 * Empty: the server's STREAM_URL. Otherwise an https:// address (the page that
 * embeds it is https) whose origin can go into the Content-Security-Policy's
 * frame-src as it is (lib/events/stream-origin.ts), or Podium's own placeholder page.
 */
export const streamUrlSchema = z
  .string()
  .trim()
  .max(2000, "Keep the stream URL to 2,000 characters or fewer.")
  .superRefine((value, context) => {
    if (value === "" || value === STREAM_PLACEHOLDER || value.startsWith(`${STREAM_PLACEHOLDER}?`)) return;
    if (!/^https:\/\//i.test(value)) return context.addIssue({ code: "custom", message: STREAM_NOT_HTTPS });
    if (parseStreamUrl(value)?.protocol !== "https:") context.addIssue({ code: "custom", message: STREAM_BAD_SITE });
  });

export const OUTSIDE_EVENT_YEARS = `Pick a date between the years ${EARLIEST_YEAR} and ${LATEST_YEAR}.`;

const isOn = z.string().transform((value) => value === "on");

export const eventFormSchema = z
  .object({
    title: visibleText({
      required: "Give the event a title.",
      invisible: "The title can't be only invisible characters.",
      unprintable: "Use letters, spaces and punctuation only in the title.",
    }).max(200, "Keep the title to 200 characters or fewer."),
    slug: slugSchema,
    description: z.string().trim().max(4000, "Keep the description to 4,000 characters or fewer."),
    streamUrl: streamUrlSchema,
    startsAt: z.string().regex(/\S/, "Say when the event starts."),
    endsAt: z.string(),
    /** The zone the form's times are in: the organiser's, sent with the form. */
    timeZone: z.string().refine(isTimeZone, "Unknown time zone: reload the page and try again."),
    isChatOn: isOn,
    isQaOn: isOn,
  })
  .transform((form, context) => {
    let startsAt = fromLocalDateTime(form.startsAt, form.timeZone);
    if (!startsAt) context.addIssue({ code: "custom", path: ["startsAt"], message: "Enter a date and time, like 2027-03-14 18:30." });
    else if (!isInEventYears(form.startsAt)) {
      context.addIssue({ code: "custom", path: ["startsAt"], message: OUTSIDE_EVENT_YEARS });
      startsAt = null;
    }
    const endsAt = form.endsAt.trim() ? fromLocalDateTime(form.endsAt, form.timeZone) : null;
    if (form.endsAt.trim() && !endsAt) context.addIssue({ code: "custom", path: ["endsAt"], message: "Enter a date and time, or leave it empty." });
    else if (endsAt && !isInEventYears(form.endsAt)) context.addIssue({ code: "custom", path: ["endsAt"], message: OUTSIDE_EVENT_YEARS });
    else if (startsAt && endsAt && endsAt <= startsAt) context.addIssue({ code: "custom", path: ["endsAt"], message: "The end must be after the start." });
    if (!startsAt) return z.NEVER;
    const { timeZone: _timeZone, ...fields } = form;
    return { ...fields, startsAt, endsAt };
  });

export type EventFormField = "title" | "slug" | "description" | "streamUrl" | "startsAt" | "endsAt" | "timeZone" | "isChatOn" | "isQaOn";
export type EventFields = z.output<typeof eventFormSchema>;

/** The form's fields as text, the shape the schema reads (unchecked boxes are absent from FormData). */
export function eventFormValues(read: (field: string) => string) {
  return {
    title: read("title"),
    slug: read("slug"),
    description: read("description"),
    streamUrl: read("streamUrl"),
    startsAt: read("startsAt"),
    endsAt: read("endsAt"),
    timeZone: read("timeZone"),
    isChatOn: read("isChatOn"),
    isQaOn: read("isQaOn"),
  };
}

/** What the create and update actions answer when the form is refused. */
export type EventFormState = FormState<EventFormField>;
