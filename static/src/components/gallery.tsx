// Test images to feed the networks: the book's example #11, some the chosen
// model reads correctly, and the ones it misreads (from its report).

import { useEffect, useState } from "preact/hooks";
import type { Misclassified, Report } from "../../../lib/evaluate/report.ts";
import type { ModelName, TestImage } from "../api.ts";
import { loadTestImage } from "../test_images.ts";
import { PixelCanvas } from "./pixel_canvas.tsx";
import type { Texts } from "./texts.ts";

/** The book's example: test image 11, a 6. */
export const BOOK_EXAMPLE = 11;
const CORRECT_SHOWN = 10;
const MISREAD_PAGE = 16;

/** Props of {@linkcode Gallery}. */
export interface GalleryProps {
  texts: Texts;
  /** The report of the model whose answers the tiles show: its misread images. */
  report: Report;
  /** The chosen image's index, if a test image is shown. */
  selected: number | null;
  onChoose(index: number): void;
}

/** The first `n` indices (other than the book's example) the network reads right. */
export function correctIndices(misclassified: Misclassified[], n: number) {
  const wrong = new Set(misclassified.map((m) => m.index));
  const indices: number[] = [];
  for (let i = 0; indices.length < n && i < 10000; i++) {
    if (!wrong.has(i) && i !== BOOK_EXAMPLE) indices.push(i);
  }
  return indices;
}

interface TileProps {
  texts: Texts;
  model: ModelName;
  index: number;
  label?: number;
  prediction?: number;
  selected: boolean;
  onChoose(index: number): void;
}

function Tile(props: TileProps) {
  const { texts, index, model } = props;
  const [image, setImage] = useState<TestImage & { model: ModelName } | null>(
    null,
  );
  useEffect(() => {
    const controller = new AbortController();
    loadTestImage(index, { model, signal: controller.signal }).then(
      (loaded) => setImage({ ...loaded, model }),
      () => {},
    );
    return () => controller.abort();
  }, [index, model]);
  // the pixels stay while another model's answer is on its way
  const fresh = image?.model === model ? image : null;
  const label = image?.label ?? props.label;
  const prediction = fresh ? fresh.digit : props.prediction;
  const wrong = label !== undefined && label !== prediction;
  return (
    <li>
      <button
        type="button"
        class={wrong ? "tile tile-wrong" : "tile"}
        aria-pressed={props.selected}
        aria-label={texts.galleryItem(index, label, prediction)}
        onClick={() => props.onChoose(index)}
      >
        <PixelCanvas pixels={image?.pixels ?? null} class="tile-pixels" />
        <span class="tile-caption" aria-hidden="true">
          {label ?? "?"} → <b>{prediction ?? "?"}</b>
        </span>
      </button>
    </li>
  );
}

/** The gallery section. */
export function Gallery(
  { texts, report, selected, onChoose }: GalleryProps,
) {
  const model = report.model as ModelName;
  const { misclassified } = report;
  const [shown, setShown] = useState(MISREAD_PAGE);
  const correct = correctIndices(misclassified, CORRECT_SHOWN);
  return (
    <section
      class="card gallery"
      data-testid="gallery"
      aria-labelledby="gallery-heading"
    >
      <div class="section-head">
        <h2 id="gallery-heading">{texts.galleryHeading}</h2>
        <button
          type="button"
          class="button button-accent"
          data-testid="example-11"
          aria-pressed={selected === BOOK_EXAMPLE}
          onClick={() => onChoose(BOOK_EXAMPLE)}
        >
          {texts.example11}
        </button>
      </div>
      <p class="muted">{texts.galleryIntro}</p>
      <h3>{texts.correctHeading}</h3>
      <ul class="tiles">
        {correct.map((index) => (
          <Tile
            key={index}
            texts={texts}
            model={model}
            index={index}
            selected={selected === index}
            onChoose={onChoose}
          />
        ))}
      </ul>
      <h3>
        {texts.misreadHeading(
          misclassified.length,
          texts.models[model]?.name ?? model,
        )}
      </h3>
      <ul class="tiles">
        {misclassified.slice(0, shown).map((m) => (
          <Tile
            key={m.index}
            texts={texts}
            model={model}
            index={m.index}
            label={m.label}
            prediction={m.prediction}
            selected={selected === m.index}
            onChoose={onChoose}
          />
        ))}
      </ul>
      {shown < misclassified.length && (
        <button
          type="button"
          class="button more"
          onClick={() => setShown(shown + MISREAD_PAGE)}
        >
          {texts.showMore}
        </button>
      )}
    </section>
  );
}
