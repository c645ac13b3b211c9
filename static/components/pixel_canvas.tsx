// A 28×28 image drawn from its 784 pixels, white on black as the network
// sees it; CSS enlarges it with `image-rendering: pixelated`.

import { useEffect, useRef } from "preact/hooks";

const SIDE = 28;

/** Props of {@linkcode PixelCanvas}. */
export interface PixelCanvasProps {
  /** 784 values in [0, 1], row-major; null draws an empty (black) image. */
  pixels: ArrayLike<number> | null;
  class?: string;
  label?: string;
  testid?: string;
}

/** One 28×28 image on a canvas of its own. */
export function PixelCanvas(props: PixelCanvasProps) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const { pixels } = props;
  useEffect(() => {
    const context = canvas.current?.getContext("2d");
    if (!context) return;
    const image = context.createImageData(SIDE, SIDE);
    for (let i = 0; i < SIDE * SIDE; i++) {
      const value = Math.round((pixels?.[i] ?? 0) * 255);
      image.data.set([value, value, value, 255], i * 4);
    }
    context.putImageData(image, 0, 0);
  }, [pixels]);
  return (
    <canvas
      ref={canvas}
      width={SIDE}
      height={SIDE}
      class={`pixels ${props.class ?? ""}`}
      role="img"
      aria-label={props.label}
      data-testid={props.testid}
    />
  );
}
