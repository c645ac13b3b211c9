/**
 * Where the page's predictions run, as component state: "loading" from the
 * first render (on the server too) until the device engine is ready or the
 * page settles on the server.
 *
 * @module
 */

import { useEffect, useState } from "preact/hooks";
import { type EngineStatus, startDevice } from "../device.ts";

/** The engine's status; starts loading it once the page is interactive. */
export function useEngine(): EngineStatus {
  const [status, setStatus] = useState<EngineStatus>({ kind: "loading" });
  useEffect(() => {
    let live = true;
    startDevice().then((next) => live && setStatus(next));
    return () => {
      live = false;
    };
  }, []);
  return status;
}
