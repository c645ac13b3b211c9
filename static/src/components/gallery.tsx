/**
 * Test images to feed the networks: the book's example #11, some the chosen
 * model reads correctly, the ones it misreads (from its report), or the
 * images of one confusion-matrix cell when the report asks for them.
 *
 * @module
 */

import { useEffect, useState } from "preact/hooks";
import type { Misclassified, Report } from "../../../lib/evaluate/mod.ts";
import type { ModelName, TestImage } from "../api.ts";
import { loadLabels } from "../explore_api.ts";
import { loadTestImage } from "../test_images.ts";
import { PixelCanvas } from "./pixel_canvas.tsx";
import type { Texts } from "../texts/mod.ts";

/** The book's example: test image 11, a 6. */
export const BOOK_EXAMPLE = 11;
/** Tiles of images the model reads right. */
export const CORRECT_SHOWN = 10;
/** Tiles a page: a multiple of the grid's 5 and 10 columns, so rows fill. */
export const PAGE = 20;

/** A confusion-matrix cell: the images with this label read as `predicted`. */
export interface CellFilter {
  label: number;
  predicted: number;
}

/** Props of {@linkcode Gallery}. */
export interface GalleryProps {
  texts: Texts;
  /** The report of the model whose answers the tiles show: its misread images. */
  report: Report;
  /** The chosen image's index, if a test image is shown. */
  selected: number | null;
  onChoose(index: number): void;
  /** Show only one cell's images. */
  filter?: CellFilter | null;
  onClearFilter?(): void;
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

/** The images of a cell: misread ones from the report, right ones from the labels. */
export function cellIndices(
  filter: CellFilter,
  misclassified: Misclassified[],
  labels: Uint8Array | null,
): Misclassified[] | null {
  if (filter.label !== filter.predicted) {
    return misclassified.filter((m) =>
      m.label === filter.label && m.prediction === filter.predicted
    );
  }
  if (!labels) return null;
  const wrong = new Set(misclassified.map((m) => m.index));
  const found: Misclassified[] = [];
  labels.forEach((label, index) => {
    if (label === filter.label && !wrong.has(index)) {
      found.push({ index, label, prediction: label });
    }
  });
  return found;
}

/** A tile to show: a test image, with its label and answer when known. */
interface TileEntry {
  index: number;
  label?: number;
  prediction?: number;
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
        data-testid="gallery-item"
        data-index={index}
        data-label={label}
        data-predicted={prediction}
        aria-pressed={props.selected}
        onClick={() => props.onChoose(index)}
      >
        <PixelCanvas pixels={image?.pixels ?? null} class="tile-pixels" />
        <span class="visually-hidden">
          {texts.galleryItem(index, label, prediction)}
        </span>
        <span class="tile-caption" aria-hidden="true">
          {label ?? "?"} → <b>{prediction ?? "?"}</b>
        </span>
      </button>
    </li>
  );
}

/** Props of {@linkcode Tiles}. */
interface TilesProps extends Pick<TileProps, "texts" | "model" | "onChoose"> {
  entries: TileEntry[];
  /** The chosen image's index, if a test image is shown. */
  selected: number | null;
}

/** A grid of tiles. */
function Tiles({ entries, selected, ...rest }: TilesProps) {
  return (
    <ul class="tiles">
      {entries.map((m) => (
        <Tile key={m.index} {...rest} {...m} selected={selected === m.index} />
      ))}
    </ul>
  );
}

/** "Show more", while there is more to show. */
function More(
  { texts, shown, total, onMore }: {
    texts: Texts;
    shown: number;
    total: number;
    onMore(): void;
  },
) {
  if (shown >= total) return null;
  return (
    <button type="button" class="button more" onClick={onMore}>
      {texts.showMore}
    </button>
  );
}

/** The heading, with the way back from a cell or to the book's example. */
function GalleryHead(
  { texts, filter, found, selected, onChoose, onClearFilter }:
    & Pick<GalleryProps, "texts" | "filter" | "selected" | "onChoose">
    & { found: Misclassified[] | null; onClearFilter?(): void },
) {
  return (
    <div class="section-head">
      <h2 id="gallery-heading" tabindex={-1}>
        {filter && found
          ? texts.filterHeading(filter.label, filter.predicted, found.length)
          : texts.galleryHeading}
      </h2>
      {filter
        ? (
          <button
            type="button"
            class="button"
            data-testid="clear-filter"
            onClick={onClearFilter}
          >
            {texts.clearFilter}
          </button>
        )
        : (
          <button
            type="button"
            class="button button-accent"
            data-testid="example-11"
            aria-pressed={selected === BOOK_EXAMPLE}
            onClick={() => onChoose(BOOK_EXAMPLE)}
          >
            {texts.example11}
          </button>
        )}
    </div>
  );
}

/** The test labels, loaded once a cell of the diagonal asks for them. */
function useLabels(needed: boolean): Uint8Array | null {
  const [labels, setLabels] = useState<Uint8Array | null>(null);
  useEffect(() => {
    if (needed && !labels) loadLabels().then(setLabels, () => {});
  }, [needed, labels]);
  return labels;
}

/** The gallery section. */
export function Gallery(props: GalleryProps) {
  const { texts, report, selected, onChoose, filter } = props;
  const model = report.model as ModelName;
  const { misclassified } = report;
  const [shown, setShown] = useState(PAGE);
  const labels = useLabels(
    Boolean(filter && filter.label === filter.predicted),
  );
  useEffect(() => setShown(PAGE), [filter?.label, filter?.predicted, model]);
  const found = filter ? cellIndices(filter, misclassified, labels) : null;
  const tiles = { texts, model, selected, onChoose };
  const onMore = () => setShown(shown + PAGE);
  const name = texts.models[model]?.name ?? model;
  return (
    <section
      class="card gallery"
      data-testid="gallery"
      aria-labelledby="gallery-heading"
    >
      <GalleryHead {...props} found={found} />
      {filter && found && (
        <>
          <p class="muted">
            {texts.filterNote(Math.min(shown, found.length), found.length)}
          </p>
          <Tiles {...tiles} entries={found.slice(0, shown)} />
          <More
            texts={texts}
            shown={shown}
            total={found.length}
            onMore={onMore}
          />
        </>
      )}
      {!filter && (
        <>
          <p class="muted">{texts.galleryIntro}</p>
          <h3>{texts.correctHeading}</h3>
          <Tiles
            {...tiles}
            entries={correctIndices(misclassified, CORRECT_SHOWN).map((
              index,
            ) => ({ index }))}
          />
          <h3>{texts.misreadHeading(misclassified.length, name)}</h3>
          <Tiles {...tiles} entries={misclassified.slice(0, shown)} />
          <More
            texts={texts}
            shown={shown}
            total={misclassified.length}
            onMore={onMore}
          />
        </>
      )}
    </section>
  );
}
