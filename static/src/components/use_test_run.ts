/**
 * The state of "Run the test set" (test_run.tsx): the batch size, the run
 * going on (its progress shown at most once a frame and ten times a second,
 * however often the batches come), its end or error, and images per second
 * by batch size.
 *
 * @module
 */

import { useEffect, useRef, useState } from "preact/hooks";
import {
  DEFAULT_BATCH_SIZE,
  type FinishedRun,
  type RunProgress,
  runTestSet,
} from "../test_set_runner.ts";

/**
 * The least time between two redraws of a run's progress, in milliseconds:
 * on a slowed phone a redraw of this page takes a good part of a frame.
 */
export const UPDATE_MS = 100;

/** A batch size's last run: how fast, and where. */
export type Timing = Pick<FinishedRun, "where" | "batchSize" | "cancelled"> & {
  perSecond: number;
};

/** What the section shows. */
export interface TestRunState {
  batchSize: number;
  setBatchSize(size: number): void;
  /** The run going on, or the last one's last progress. */
  progress: RunProgress | null;
  running: boolean;
  /** The last run's end. */
  finished: FinishedRun | null;
  error: string | null;
  /** The last run at each batch size, smallest batch first. */
  timings: Timing[];
  run(): void;
  cancel(): void;
}

/** A redraw waiting: its timer, then its frame, and the progress it shows. */
interface Pending {
  timer: ReturnType<typeof setTimeout> | 0;
  id?: number;
  latest: RunProgress;
}

/** The section's state; `url` is the test set's file. */
export function useTestRun(url: string | undefined): TestRunState {
  const [batchSize, setBatchSize] = useState(DEFAULT_BATCH_SIZE);
  const [progress, setProgress] = useState<RunProgress | null>(null);
  const [finished, setFinished] = useState<FinishedRun | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [timings, setTimings] = useState<Timing[]>([]);
  const [running, setRunning] = useState(false);
  const controller = useRef<AbortController | null>(null);
  const frame = useRef<Pending | null>(null);
  const drawn = useRef(0);
  useEffect(() => () => controller.current?.abort(), []);
  // however many batches come meanwhile, one render a frame at most, and
  // one every UPDATE_MS: each redraw costs a frame of the whole page
  const heard = (next: RunProgress) => {
    if (frame.current) return void (frame.current.latest = next);
    const wait = Math.max(0, UPDATE_MS - (performance.now() - drawn.current));
    const pending: Pending = { latest: next, timer: 0 };
    frame.current = pending;
    pending.timer = setTimeout(() => {
      pending.id = requestAnimationFrame(() => {
        drawn.current = performance.now();
        setProgress(pending.latest);
        frame.current = null;
      });
    }, wait);
  };
  const settle = (last: RunProgress | null) => {
    if (frame.current?.timer) clearTimeout(frame.current.timer);
    if (frame.current?.id) cancelAnimationFrame(frame.current.id);
    frame.current = null;
    setProgress(last);
    controller.current = null;
    setRunning(false);
  };
  const run = async () => {
    if (!url || controller.current) return;
    const abort = controller.current = new AbortController();
    setRunning(true);
    setError(null);
    setFinished(null);
    try {
      const end = await runTestSet({
        url,
        batchSize,
        heard,
        signal: abort.signal,
      });
      settle({ phase: "done", ...end });
      setFinished(end);
      if (end.done > 0) {
        const timing = { ...end, perSecond: end.done / (end.ms / 1000) };
        setTimings((old) =>
          [...old.filter((t) => t.batchSize !== batchSize), timing]
            .sort((a, b) => a.batchSize - b.batchSize)
        );
      }
    } catch (failure) {
      settle(null);
      setError(failure instanceof Error ? failure.message : String(failure));
    }
  };
  return {
    batchSize,
    setBatchSize,
    progress,
    running,
    finished,
    error,
    timings,
    run: () => void run(),
    cancel: () => controller.current?.abort(),
  };
}
