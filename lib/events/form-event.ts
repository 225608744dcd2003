import { findLiveRoomEvent, type EventRecord } from "./find-event";
import { slugSchema } from "./event-slug";

/**
 * The event a registration or "Join this event" form is for: its hidden `event`
 * field, a slug. A form posted without one (the seed's form, scripts that
 * post it) is for the featured event. Null for an unknown or archived event.
 */
export async function findFormEvent(formData: FormData): Promise<EventRecord | null> {
  const field = formData.get("event");
  if (field === null || field === "") return findLiveRoomEvent(undefined);
  const slug = slugSchema.safeParse(field);
  return slug.success ? findLiveRoomEvent(slug.data) : null;
}
