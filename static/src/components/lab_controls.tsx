/**
 * The preprocessing lab's controls: a switch for each step of MNIST's
 * preprocessing (crop and scale, centre of mass) and sliders that move,
 * turn or thicken the drawing.
 *
 * @module
 */

import { PEN_WIDTH } from "../../../lib/input/strokes.ts";
import type { Texts } from "../texts/mod.ts";

/** What the lab does to the drawing. */
export interface Settings {
  crop: boolean;
  centre: boolean;
  shiftX: number;
  shiftY: number;
  rotation: number;
  /** The pen's width in % of the canvas side. */
  width: number;
}

/** The drawing as the pad reads it. */
export const DEFAULTS: Settings = {
  crop: true,
  centre: true,
  shiftX: 0,
  shiftY: 0,
  rotation: 0,
  width: PEN_WIDTH * 100,
};

type Switches = "crop" | "centre";
type Sliders = Exclude<keyof Settings, Switches>;

/** Props of {@linkcode LabControls}. */
export interface LabControlsProps {
  texts: Texts;
  settings: Settings;
  onChange(settings: Settings): void;
}

/** The sliders: each one's label, range and step. */
function sliders(texts: Texts): [Sliders, string, number, number, number][] {
  return [
    ["shiftX", texts.labShiftX, -10, 10, 1],
    ["shiftY", texts.labShiftY, -10, 10, 1],
    ["rotation", texts.labRotation, -90, 90, 5],
    ["width", texts.labWidth, 2, 20, 0.5],
  ];
}

/** The switches, the sliders and Reset, in one fieldset. */
export function LabControls({ texts, settings, onChange }: LabControlsProps) {
  const set = (id: keyof Settings, value: number | boolean) =>
    onChange({ ...settings, [id]: value });
  const target = (event: Event) => event.target as HTMLInputElement;
  const toggle = (id: Switches, label: string) => (
    <label class="lab-switch">
      <input
        type="checkbox"
        checked={settings[id]}
        data-testid={`lab-${id}`}
        onChange={(event) => set(id, target(event).checked)}
      />
      {label}
    </label>
  );
  return (
    <fieldset class="lab-controls">
      <legend class="visually-hidden">{texts.labHeading}</legend>
      {toggle("crop", texts.labCrop)}
      {toggle("centre", texts.labCentre)}
      {sliders(texts).map(([id, label, min, max, step]) => (
        <label key={id} class="lab-slider">
          <span class="lab-label">
            {label} <output>{String(settings[id])}</output>
          </span>
          <input
            type="range"
            min={min}
            max={max}
            step={step}
            value={settings[id]}
            data-testid={`lab-${id}`}
            onInput={(event) =>
              set(id, Number(target(event).value))}
          />
        </label>
      ))}
      <button type="button" class="button" onClick={() => onChange(DEFAULTS)}>
        {texts.labReset}
      </button>
    </fieldset>
  );
}
