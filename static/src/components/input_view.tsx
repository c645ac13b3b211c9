/**
 * The 28×28 input the network actually saw, enlarged.
 *
 * @module
 */

import { PixelCanvas } from "./pixel_canvas.tsx";
import type { Texts } from "../texts/mod.ts";

/** Props of {@linkcode InputView}. */
export interface InputViewProps {
  texts: Texts;
  /** 784 values in [0, 1]; null: black (no drawing). */
  pixels: ArrayLike<number> | null;
}

/** The network's input beside the answer, with a caption. */
export function InputView({ texts, pixels }: InputViewProps) {
  return (
    <figure class="input-view">
      <PixelCanvas
        pixels={pixels}
        class="input-pixels"
        label={texts.inputHeading}
        testid="input-view"
      />
      <figcaption>
        <strong>{texts.inputHeading}</strong>
        <span>{texts.inputNote}</span>
      </figcaption>
    </figure>
  );
}
