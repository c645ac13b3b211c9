/**
 * One line under the answer that says where the network runs and how long
 * the last prediction took ("this device · WebAssembly SIMD · <time>" or
 * "server · <time>"), with why the page stays on the server when it does.
 *
 * @module
 */

import type { EngineStatus } from "../device.ts";
import type { Timing } from "./use_prediction.ts";
import { duration, type EngineTexts } from "../texts/mod.ts";

/** Props of {@linkcode EngineLine}. */
export interface EngineLineProps {
  texts: EngineTexts;
  engine: EngineStatus;
  /** The last answer's place and time. */
  timing: Timing | null;
}

/** The engine line (`data-engine` is "device" or "server"). */
export function EngineLine({ texts, engine, timing }: EngineLineProps) {
  const where = engine.kind === "device" ? "device" : "server";
  const parts: string[] = [];
  if (where === "device") {
    const ms = timing?.where === "device"
      ? timing.ms
      : engine.kind === "device"
      ? engine.ms
      : 0;
    parts.push(texts.device, texts.backend, duration(ms));
  } else {
    parts.push(texts.server);
    if (timing?.where === "server") parts.push(duration(timing.ms));
    if (engine.kind === "loading") parts.push(texts.loading);
    if (engine.kind === "server") {
      const slow = engine.ms === undefined ? "" : ` (${duration(engine.ms)})`;
      parts.push(texts.fallback[engine.reason] + slow);
    }
  }
  return (
    <p class="engine muted" data-testid="engine" data-engine={where}>
      {parts.join(" · ")}
    </p>
  );
}
