"use client";

import { useSyncExternalStore } from "react";

const subscribe = () => () => {};

/**
 * False while rendering on the server and hydrating, true after. Anything that
 * depends on the reader's clock or time zone renders a neutral fallback first,
 * so the server's HTML and the first browser render agree.
 */
export function useIsBrowser(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => true,
    () => false,
  );
}
