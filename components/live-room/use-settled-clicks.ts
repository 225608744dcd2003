"use client";

import { useCallback, useLayoutEffect, useRef, type RefObject } from "react";

/** How long after an item moves a click on it is taken as meant for whatever was there before. */
export const SETTLE_MS = 600;

/**
 * Live lists move under the pointer. A question is approved, answered or
 * out-voted and the cards below slide into its place, or a new chat message
 * scrolls the log. A click that lands on an item which moved a moment ago was
 * aimed at the item that was there, so the list should ignore it: approving,
 * answering or hiding the wrong one is worse than a second click.
 *
 * Every element inside `containerRef` with a `data-settle-key` attribute is
 * measured after each render, relative to the container (so scrolling the page
 * does not count as moving). Returns `isMisaimed(event, key)`. An item that has just
 * appeared counts as moved too: it may have appeared where another item was
 * (the chat log scrolls the newest message into the place of the one before),
 * and nobody reads a new item and aims at it within a fraction of a second.
 * The items of the first render, when the page opens, have not moved. Keyboard
 * presses (a click event with `detail` 0) are never ignored: focus stays on the
 * button the person chose, wherever it moves.
 */
export function useSettledClicks(containerRef: RefObject<HTMLElement | null>) {
  const positions = useRef(new Map<string, { top: number; movedAt: number }>());
  const hasMeasured = useRef(false);

  useLayoutEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    const now = performance.now();
    const origin = container.getBoundingClientRect().top;
    const measured = new Map<string, { top: number; movedAt: number }>();
    for (const item of container.querySelectorAll<HTMLElement>("[data-settle-key]")) {
      const key = item.dataset.settleKey!;
      const top = Math.round(item.getBoundingClientRect().top - origin);
      const before = positions.current.get(key);
      const hasMoved = before ? before.top !== top : hasMeasured.current;
      measured.set(key, { top, movedAt: hasMoved ? now : (before?.movedAt ?? -Infinity) });
    }
    positions.current = measured;
    hasMeasured.current = true;
  });

  return useCallback(
    (event: { detail: number }, key: string) => event.detail > 0 && performance.now() - (positions.current.get(key)?.movedAt ?? -Infinity) < SETTLE_MS,
    [],
  );
}
