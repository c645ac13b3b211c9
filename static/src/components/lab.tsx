/**
 * The preprocessing lab: the reader's own drawing put through MNIST's
 * preprocessing with each step switchable (crop and scale, centre of mass)
 * and moved, turned or thickened by sliders, read by the network as the
 * controls move, to show why the preprocessing matters.
 *
 * @module
 */

import { useEffect, useRef, useState } from "preact/hooks";
import {
  PEN_WIDTH,
  rotateStrokes,
  type Stroke,
} from "../../../lib/input/strokes.ts";
import { preprocessVariant } from "../../../lib/input/variants.ts";
import type { Answer, ModelName } from "../api.ts";
import { predictOne } from "../predictions.ts";
import { paint } from "./paint.ts";
import { PixelCanvas } from "./pixel_canvas.tsx";
import { ProbabilityBars } from "./probability_bars.tsx";
import type { Texts } from "./texts.ts";

/** Props of {@linkcode Lab}. */
export interface LabProps {
  texts: Texts;
  model: ModelName;
  /** The drawing's strokes, in canvas units. */
  strokes: Stroke[];
  /** The pad's side in pixels, so the lab paints as the pad does. */
  size: number;
  /** Changes whenever the drawing does. */
  drawing: unknown;
}

interface Settings {
  crop: boolean;
  centre: boolean;
  shiftX: number;
  shiftY: number;
  rotation: number;
  /** The pen's width in % of the canvas side. */
  width: number;
}

const DEFAULTS: Settings = {
  crop: true,
  centre: true,
  shiftX: 0,
  shiftY: 0,
  rotation: 0,
  width: PEN_WIDTH * 100,
};

/** The drawing as the lab's settings make it: 784 pixels, or null without ink. */
function labInput(
  strokes: Stroke[],
  size: number,
  settings: Settings,
): Float32Array | null {
  const canvas = document.createElement("canvas");
  canvas.width = canvas.height = size;
  paint(
    canvas,
    rotateStrokes(strokes, settings.rotation),
    settings.width / 100,
  );
  const image = canvas.getContext("2d")!.getImageData(0, 0, size, size);
  try {
    return preprocessVariant(image, settings);
  } catch (error) {
    if (error instanceof RangeError) return null;
    throw error;
  }
}

interface SliderProps {
  id: keyof Settings;
  label: string;
  min: number;
  max: number;
  step: number;
  settings: Settings;
  onChange(settings: Settings): void;
}

function Slider(
  { id, label, min, max, step, settings, onChange }: SliderProps,
) {
  const value = settings[id] as number;
  return (
    <label class="lab-slider">
      <span class="lab-label">
        {label} <output>{String(value)}</output>
      </span>
      <input
        type="range"
        min={min}
        max={max}
        step={step}
        value={value}
        data-testid={`lab-${id}`}
        onInput={(event) =>
          onChange({
            ...settings,
            [id]: Number((event.target as HTMLInputElement).value),
          })}
      />
    </label>
  );
}

/** The lab section, shown while a drawing is on the pad. */
export function Lab(props: LabProps) {
  const { texts, model, strokes, size } = props;
  const [settings, setSettings] = useState(DEFAULTS);
  const [input, setInput] = useState<Float32Array | null>(null);
  const [answer, setAnswer] = useState<Answer | null>(null);
  const busy = useRef(false);
  const next = useRef<{ pixels: Float32Array; model: ModelName } | null>(null);

  // one reading at a time (on the device once it runs, else a request); the
  // newest settings win
  const ask = (pixels: Float32Array, chosen: ModelName) => {
    next.current = { pixels, model: chosen };
    if (busy.current) return;
    const run = () => {
      const job = next.current;
      next.current = null;
      if (!job) {
        busy.current = false;
        return;
      }
      busy.current = true;
      predictOne(job.pixels, job.model).then(
        (found) => {
          if (!next.current) setAnswer(found);
        },
        () => {},
      ).finally(run);
    };
    run();
  };

  useEffect(() => {
    const pixels = labInput(strokes, size, settings);
    setInput(pixels);
    if (pixels) ask(pixels, model);
    else setAnswer(null);
    // strokes are read through `drawing`, which changes with them
  }, [props.drawing, settings, model, size]);

  const toggle = (id: "crop" | "centre", label: string) => (
    <label class="lab-switch">
      <input
        type="checkbox"
        checked={settings[id]}
        data-testid={`lab-${id}`}
        onChange={(event) =>
          setSettings({
            ...settings,
            [id]: (event.target as HTMLInputElement).checked,
          })}
      />
      {label}
    </label>
  );
  const slider = (
    id: keyof Settings,
    label: string,
    [min, max, step]: [number, number, number],
  ) => (
    <Slider
      id={id}
      label={label}
      min={min}
      max={max}
      step={step}
      settings={settings}
      onChange={setSettings}
    />
  );
  return (
    <section class="card lab" data-testid="lab" aria-labelledby="lab-heading">
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
        <fieldset class="lab-controls">
          <legend class="visually-hidden">{texts.labHeading}</legend>
          {toggle("crop", texts.labCrop)}
          {toggle("centre", texts.labCentre)}
          {slider("shiftX", texts.labShiftX, [-10, 10, 1])}
          {slider("shiftY", texts.labShiftY, [-10, 10, 1])}
          {slider("rotation", texts.labRotation, [-90, 90, 5])}
          {slider("width", texts.labWidth, [2, 20, 0.5])}
          <button
            type="button"
            class="button"
            onClick={() =>
              setSettings(DEFAULTS)}
          >
            {texts.labReset}
          </button>
        </fieldset>
      </div>
    </section>
  );
}
