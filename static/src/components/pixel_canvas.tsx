/**
 * A 28×28 image drawn from its 784 pixels, white on black as the network
 * sees it (or the same 784 pixels as one 784×1 row); CSS enlarges it with
 * `image-rendering: pixelated`.
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
  label?: string;
  testid?: string;
}

/** One 28×28 image on a canvas of its own. */
export function PixelCanvas(props: PixelCanvasProps) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const { pixels, width = SIDE } = props;
  const height = SIDE * SIDE / width;
  useEffect(() => {
    const context = canvas.current?.getContext("2d");
    if (!context) return;
    const image = context.createImageData(width, height);
    for (let i = 0; i < SIDE * SIDE; i++) {
      const value = Math.round((pixels?.[i] ?? 0) * 255);
      image.data.set([value, value, value, 255], i * 4);
    }
    context.putImageData(image, 0, 0);
  }, [pixels, width, height]);
  return (
    <canvas
      ref={canvas}
      width={width}
      height={height}
      class={`pixels ${props.class ?? ""}`}
      role="img"
      aria-label={props.label}
      data-testid={props.testid}
    />
  );
}
