/**
 * A value that follows another one when the main thread is idle: a view off
 * the screen takes a new answer in a task of its own, once the answer and
 * the pen's frames have been put on the page, so that no task of a phone's
 * main thread holds both (issue 23).
 *
 * @module
 */

import { useEffect, useRef, useState } from "preact/hooks";
import { onIdle } from "../idle.ts";

/** The longest a new value waits for the main thread to be idle. */
const IDLE_WAIT_MS = 500;

/**
 * `value` now when `now` is true; otherwise the value it last had, becoming
 * `value` in a task of its own when the main thread is next idle (at most
 * {@linkcode IDLE_WAIT_MS} later).
 */
export function useLater<T>(value: T, now: boolean): T {
  const kept = useRef(value);
  const [, wake] = useState(0);
  if (now) kept.current = value;
  useEffect(() => {
    if (now || Object.is(kept.current, value)) return;
    return onIdle(() => {
      kept.current = value;
      wake((n) => n + 1);
    }, IDLE_WAIT_MS);
  }, [value, now]);
  return kept.current;
}
