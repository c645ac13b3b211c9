/**
 * A 28×28 image drawn from its 784 pixels, white on black as the network
 * sees it (or the same 784 pixels as one 784×1 row, or as a faint tint to
 * trace over); CSS enlarges it with `image-rendering: pixelated`.
 *
 * @module
 */

import { useEffect, useRef } from "preact/hooks";

const SIDE = 28;

/** Props of {@linkcode PixelCanvas}. */
export interface PixelCanvasProps {
  /** 784 values in [0, 1], row-major; null draws an empty (black) image. */
  pixels: ArrayLike<number> | null;
  /** The image's width in pixels: 28, or 784 for the flattened row. */
  width?: number;
  class?: string;
  /** What the image shows; without one it is decoration, hidden from assistive technology. */
  label?: string;
  testid?: string;
  /** Draw the ink as a see-through blue on nothing (to trace over), not white on black. */
  tint?: boolean;
}

/** One 28×28 image on a canvas of its own. */
export function PixelCanvas(props: PixelCanvasProps) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const { pixels, width = SIDE, tint = false } = props;
  const height = SIDE * SIDE / width;
  useEffect(() => {
    const context = canvas.current?.getContext("2d");
    if (!context) return;
    const image = context.createImageData(width, height);
    const data = image.data;
    for (let i = 0; i < SIDE * SIDE; i++) {
      const value = Math.round((pixels?.[i] ?? 0) * 255);
      const at = i * 4;
      if (tint) {
        data[at] = 37;
        data[at + 1] = 99;
        data[at + 2] = 235;
        data[at + 3] = Math.round(value * 0.4);
      } else {
        data[at] = data[at + 1] = data[at + 2] = value;
        data[at + 3] = 255;
      }
    }
    context.putImageData(image, 0, 0);
  }, [pixels, width, height, tint]);
  return (
    <canvas
      ref={canvas}
      width={width}
      height={height}
      class={`${tint ? "" : "pixels "}${props.class ?? ""}`}
      role={props.label ? "img" : undefined}
      aria-label={props.label}
      aria-hidden={props.label ? undefined : "true"}
      data-testid={props.testid}
    />
  );
}
