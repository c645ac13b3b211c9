/**
 * The preprocessing lab: the reader's own drawing put through MNIST's
 * preprocessing with each step switchable (crop and scale, centre of mass)
 * and moved, turned or thickened by sliders, read by the network as the
 * controls move, to show why the preprocessing matters.
 *
 * @module
 */

import { useEffect, useRef, useState } from "preact/hooks";
import { rotateStrokes, type Stroke } from "../../../lib/input/strokes.ts";
import { preprocessVariant } from "../../../lib/input/variants.ts";
import type { Answer, ModelName } from "../api.ts";
import { ClientError } from "../../../lib/errors.ts";
import { predictOne } from "../predictions.ts";
import { sharedCanvas } from "../read_strokes.ts";
import type { Texts } from "../texts/mod.ts";
import { DEFAULTS, LabControls, type Settings } from "./lab_controls.tsx";
import { PixelCanvas } from "./pixel_canvas.tsx";
import { useLater } from "./use_later.ts";
import { useSeen } from "./use_seen.ts";
import { ProbabilityBars } from "./probability_bars.tsx";

/** Props of {@linkcode Lab}. */
export interface LabProps {
  texts: Texts;
  model: ModelName;
  /** The drawing's strokes, in canvas units. */
  strokes: Stroke[];
  /** Changes whenever the drawing does. */
  drawing: unknown;
}

/**
 * The drawing as the lab's settings make it: 784 pixels, or null without
 * ink. It is painted on the page's reading canvas (read_strokes.ts), as the
 * networks read a drawing, then turned, thickened, shifted as set.
 */
function labInput(
  strokes: Stroke[],
  settings: Settings,
): Float32Array | null {
  const image = sharedCanvas().image(
    rotateStrokes(strokes, settings.rotation),
    settings.width / 100,
  );
  try {
    return preprocessVariant(image, settings);
  } catch (error) {
    if (error instanceof RangeError || error instanceof ClientError) {
      return null;
    }
    throw error;
  }
}

/**
 * The lab's input and the model's answer for it: one reading at a time (on
 * the device once it runs, else a request), the newest settings winning.
 */
function useLabReading(props: LabProps, settings: Settings, seen: boolean) {
  const { strokes, model } = props;
  // off the screen, a new drawing is read when the page is idle
  const drawing = useLater(props.drawing, seen);
  const [input, setInput] = useState<Float32Array | null>(null);
  const [answer, setAnswer] = useState<Answer | null>(null);
  const busy = useRef(false);
  const next = useRef<{ pixels: Float32Array; model: ModelName } | null>(null);

  const run = () => {
    const job = next.current;
    next.current = null;
    busy.current = job !== null;
    if (!job) return;
    predictOne(job.pixels, job.model).then(
      (found) => !next.current && setAnswer(found),
      () => {},
    ).finally(run);
  };
  useEffect(() => {
    const pixels = labInput(strokes, settings);
    setInput(pixels);
    if (!pixels) return setAnswer(null);
    next.current = { pixels, model };
    if (!busy.current) run();
    // strokes are read through `drawing`, which changes with them
  }, [drawing, settings, model]);
  return { input, answer };
}

/** The lab section, shown while a drawing is on the pad. */
export function Lab(props: LabProps) {
  const { texts, model } = props;
  const [settings, setSettings] = useState(DEFAULTS);
  const section = useRef<HTMLElement>(null);
  const { input, answer } = useLabReading(props, settings, useSeen(section));
  return (
    <section
      ref={section}
      class="card lab"
      data-testid="lab"
      aria-labelledby="lab-heading"
    >
      <h2 id="lab-heading">{texts.labHeading}</h2>
      <p class="lab-intro">{texts.labIntro}</p>
      <div class="lab-grid">
        <div class="lab-result">
          <div class="lab-verdict">
            <PixelCanvas
              pixels={input}
              class="lab-pixels"
              label={texts.inputHeading}
              testid="lab-input"
            />
            <p>
              <span class="muted">
                {texts.labResult(texts.models[model].name)}
              </span>
              <strong class="lab-digit" data-testid="lab-digit">
                {answer ? String(answer.digit) : "–"}
              </strong>
              <span class="muted">
                {answer ? texts.score(answer.probabilities[answer.digit]) : ""}
              </span>
            </p>
          </div>
          <ProbabilityBars
            texts={texts}
            probabilities={answer?.probabilities ?? null}
            digit={answer?.digit ?? null}
            testid="lab-probabilities"
          />
        </div>
        <LabControls
          texts={texts}
          settings={settings}
          onChange={setSettings}
        />
      </div>
    </section>
  );
}
