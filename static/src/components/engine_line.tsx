/**
 * One line under the answer that says where the network runs and how long
 * the last prediction took ("this device · WebAssembly SIMD · <time>" or
 * "server · <time>"), with why the page stays on the server when it does,
 * the download's progress while the network comes, and — on Save-Data or a
 * slow link — the button that brings it, with its size.
 *
 * @module
 */

import { type EngineStatus, runOnDevice } from "../device.ts";
import type { Timing } from "./use_prediction.ts";
import { duration, type EngineTexts, megabytes } from "../texts/mod.ts";
import { useProgress } from "./use_engine.ts";

/** Props of {@linkcode EngineLine}. */
export interface EngineLineProps {
  texts: EngineTexts;
  engine: EngineStatus;
  /** The last answer's place and time. */
  timing: Timing | null;
}

/** What the line says after "server" while the page predicts there. */
function serverParts(
  texts: EngineTexts,
  engine: EngineStatus,
  progress: ReturnType<typeof useProgress>,
): string[] {
  if (engine.kind === "loading") {
    return [
      progress
        ? `${texts.loading} ${
          texts.progress(megabytes(progress.loaded), megabytes(progress.total))
        }`
        : texts.loading,
    ];
  }
  if (engine.kind === "offer") return [texts.light[engine.reason]];
  if (engine.kind === "server") {
    const slow = engine.ms === undefined ? "" : ` (${duration(engine.ms)})`;
    return [texts.fallback[engine.reason] + slow];
  }
  return [];
}

/** The engine line (`data-engine` is "device" or "server"). */
export function EngineLine({ texts, engine, timing }: EngineLineProps) {
  const progress = useProgress();
  const where = engine.kind === "device" ? "device" : "server";
  const parts: string[] = [];
  if (engine.kind === "device") {
    const ms = timing?.where === "device" ? timing.ms : engine.ms;
    parts.push(texts.device, texts.backend, duration(ms));
  } else {
    parts.push(texts.server);
    if (timing?.where === "server") parts.push(duration(timing.ms));
    parts.push(...serverParts(texts, engine, progress));
  }
  return (
    <p
      class="engine muted"
      data-testid="engine"
      data-engine={where}
      data-models={engine.kind === "device"
        ? engine.models.join(" ")
        : undefined}
    >
      {parts.join(" · ")}
      {engine.kind === "offer" && (
        <>
          {" · "}
          <button
            type="button"
            class="button engine-offer"
            data-testid="engine-offer"
            onClick={runOnDevice}
          >
            {texts.offer(megabytes(engine.bytes))}
          </button>
        </>
      )}
    </p>
  );
}
