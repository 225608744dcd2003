import { remember, type EventRecord } from "../events/find-event";

// A stand-in so /events can be written before the realtime side: the lead replaces this file with the
// realtime version, which also updates the cache in every other process and tells the event's open pages.
export function publishEventChange(record: EventRecord) { remember(record); }
