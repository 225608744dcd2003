"use client";

import { useCallback, useEffect, useLayoutEffect, useRef, type RefObject } from "react";

/** How long after an item moves a click on it is taken as meant for whatever was there before. */
export const SETTLE_MS = 600;

/** What a person is told when their click was ignored because the item had just moved. */
export const MOVED_MESSAGE = "The list moved as you clicked, so nothing was done. Click again if you meant it.";

type Position = { top: number; movedAt: number };

/**
 * Live lists move under the pointer. A question is approved, answered or
 * out-voted and the cards below slide into its place, or a new chat message
 * scrolls the log. A click that lands on an item which moved a moment ago was
 * aimed at the item that was there, so the list should ignore it (and say so):
 * approving, answering or hiding the wrong one is worse than a second click.
 *
 * Items are the elements inside `containerRef` whose `data-settle-key` starts
 * with `${group}:`. They are measured after each render, relative to the
 * container, so scrolling the page does not count as moving; scrolling inside
 * the container or resizing the window only re-measures, since the person did
 * that themselves. An item that has just appeared counts as moved too: it may
 * have appeared where another item was (the chat log scrolls the newest message
 * into the place of the one before), and nobody reads a new item and aims at it
 * within a fraction of a second. The items of the first measurement, when the
 * page opens, have not moved. Keyboard presses (a click with `detail` 0) are
 * never ignored: focus stays on the button the person chose, wherever it moves.
 */
export function useSettledClicks(containerRef: RefObject<HTMLElement | null>, group: string) {
  const positions = useRef<Map<string, Position> | null>(null);

  const measure = useCallback(
    (mayHaveMoved: boolean) => {
      const container = containerRef.current;
      if (!container) return;
      const now = performance.now();
      const origin = container.getBoundingClientRect().top;
      const previous = positions.current;
      const measured = new Map<string, Position>();
      for (const item of container.querySelectorAll<HTMLElement>(`[data-settle-key^="${group}:"]`)) {
        const key = item.dataset.settleKey!;
        const top = Math.round(item.getBoundingClientRect().top - origin);
        const before = previous?.get(key);
        const hasMoved = mayHaveMoved && previous !== null && (before === undefined || before.top !== top);
        measured.set(key, { top, movedAt: hasMoved ? now : (before?.movedAt ?? -Infinity) });
      }
      if (previous !== null || measured.size > 0) positions.current = measured;
    },
    [containerRef, group],
  );

  // After every render: whatever React changed may have moved items.
  useLayoutEffect(() => measure(true));

  // The person's own scrolling and resizing move items too, but they saw it happen.
  useEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    const remeasure = () => measure(false);
    container.addEventListener("scroll", remeasure, { capture: true, passive: true });
    window.addEventListener("resize", remeasure);
    return () => {
      container.removeEventListener("scroll", remeasure, { capture: true });
      window.removeEventListener("resize", remeasure);
    };
  }, [containerRef, measure]);

  return useCallback(
    (event: { detail: number }, key: string) => event.detail > 0 && performance.now() - (positions.current?.get(key)?.movedAt ?? -Infinity) < SETTLE_MS,
    [],
  );
}
