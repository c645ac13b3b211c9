/**
 * Where the page's predictions run, as component state: "loading" from the
 * first render (on the server too) until the device engine is ready, the
 * page settles on the server, or it offers the device on a light link.
 *
 * @module
 */

import { useEffect, useState } from "preact/hooks";
import {
  engineProgress,
  type EngineStatus,
  engineStatus,
  onEngine,
  type Progress,
  startDevice,
} from "../device.ts";

/** The engine's status; starts loading it once the page is interactive. */
export function useEngine(): EngineStatus {
  const [status, setStatus] = useState<EngineStatus>(engineStatus);
  useEffect(() => {
    const stop = onEngine(() => setStatus(engineStatus()));
    startDevice();
    return stop;
  }, []);
  return status;
}

/** How often the download's progress is shown again, at most. */
const PROGRESS_MS = 250;

/**
 * The engine's download as it goes, for the one line that shows it: at most
 * every {@linkcode PROGRESS_MS}, so the page around it is not re-rendered.
 */
export function useProgress(): Progress | null {
  const [progress, setProgress] = useState(engineProgress);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const stop = onEngine(() => {
      if (engineProgress() === null) {
        clearTimeout(timer);
        timer = undefined;
        return setProgress(null);
      }
      timer ??= setTimeout(() => {
        timer = undefined;
        setProgress(engineProgress());
      }, PROGRESS_MS);
    });
    return () => {
      stop();
      clearTimeout(timer);
    };
  }, []);
  return progress;
}
