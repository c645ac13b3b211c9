/**
 * "Readers' drawings": how each network does on the digits readers drew and
 * labelled, beside its MNIST test accuracy, and the drawings themselves,
 * newest first, filterable by label.
 *
 * @module
 */

import { useEffect, useState } from "preact/hooks";
import type { ModelName } from "../api.ts";
import {
  type DrawingStats,
  listDrawings,
  type ReaderDrawing,
} from "../drawings_api.ts";
import { PixelCanvas } from "./pixel_canvas.tsx";
import { percent, type Texts } from "../texts/mod.ts";

/** Drawings shown at first, and added by "Show more". */
const PAGE = 24;

/** Props of {@linkcode ReadersDrawings}. */
export interface ReadersDrawingsProps {
  texts: Texts;
  stats: DrawingStats | null;
  error: string | null;
  /** Moves when a drawing is stored or deleted: the gallery reloads. */
  version: number;
}

const MODELS: ModelName[] = ["mlp", "deep-cnn"];

function Scores({ texts, stats }: { texts: Texts; stats: DrawingStats }) {
  return (
    <div class="table-scroll">
      <table class="reader-scores" data-testid="reader-scores">
        <thead>
          <tr>
            <th scope="col">{texts.modelLabel}</th>
            <th scope="col">{texts.readersColumn(stats.count)}</th>
            <th scope="col">{texts.mnistColumn}</th>
          </tr>
        </thead>
        <tbody>
          {MODELS.map((name) => {
            const score = stats.models[name];
            return (
              <tr key={name} data-testid={`reader-score-${name}`}>
                <th scope="row">{texts.models[name].name}</th>
                <td>
                  <strong>
                    {score?.accuracy == null ? "–" : percent(score.accuracy)}
                  </strong>{" "}
                  <span class="muted score-of">
                    {score
                      ? texts.readersScore(score.correct, score.count)
                      : ""}
                  </span>
                </td>
                <td>
                  {score?.mnistAccuracy === undefined
                    ? "–"
                    : percent(score.mnistAccuracy, 2)}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function Tile({ texts, drawing }: { texts: Texts; drawing: ReaderDrawing }) {
  const digits = MODELS.map((name) => drawing.predictions[name]?.digit);
  return (
    <li
      class="tile reader-tile"
      data-testid="reader-tile"
      data-label={drawing.label}
      aria-label={texts.readersItem(drawing.label, digits[0], digits[1])}
    >
      <PixelCanvas pixels={drawing.pixels} class="tile-pixels" />
      <span class="tile-caption" aria-hidden="true">
        {drawing.label} → {digits.map((digit, i) => (
          <span key={i}>
            {i > 0 && " · "}
            <b class={digit === drawing.label ? "" : "miss"}>{digit ?? "?"}</b>
          </span>
        ))}
      </span>
    </li>
  );
}

/** One page of drawings after another, of one label or all. */
function useDrawingList(label: number | null, version: number) {
  const [drawings, setDrawings] = useState<ReaderDrawing[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  // loading from the start: the server renders no "no drawings yet" it cannot know
  const [loading, setLoading] = useState(true);
  const [failure, setFailure] = useState<string | null>(null);
  const failed = (error: unknown) => {
    if (error instanceof DOMException && error.name === "AbortError") return;
    setFailure(String((error as Error)?.message ?? error));
    setLoading(false);
  };
  const load = (from: string | null, signal?: AbortSignal) => {
    setLoading(true);
    listDrawings({ label, limit: PAGE, cursor: from, signal }).then((page) => {
      setDrawings((shown) =>
        from ? [...shown, ...page.drawings] : page.drawings
      );
      setCursor(page.cursor);
      if (!from) setFailure(null);
      setLoading(false);
    }, failed);
  };
  useEffect(() => {
    const controller = new AbortController();
    load(null, controller.signal);
    return () => controller.abort();
  }, [label, version]);
  const more = () => {
    if (cursor) load(cursor);
  };
  return { drawings, cursor, loading, failure, more };
}

/** The buttons that show the drawings of one label, or all. */
function LabelFilter(
  { texts, stats, label, onLabel }: {
    texts: Texts;
    stats: DrawingStats | null;
    label: number | null;
    onLabel(label: number | null): void;
  },
) {
  return (
    <div class="reader-filter" role="group" aria-label={texts.filterLabel}>
      <span class="muted">{texts.filterLabel}</span>
      {[null, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9].map((value) => (
        <button
          key={String(value)}
          type="button"
          class="digit-choice"
          data-testid={`readers-filter-${value ?? "all"}`}
          aria-pressed={label === value}
          onClick={() => onLabel(value)}
        >
          {value === null ? texts.filterAll : value}
          {value !== null && stats
            ? <span class="filter-count">{stats.labels[value]}</span>
            : null}
        </button>
      ))}
    </div>
  );
}

/** The section of readers' drawings. */
export function ReadersDrawings(
  { texts, stats, error, version }: ReadersDrawingsProps,
) {
  const [label, setLabel] = useState<number | null>(null);
  const list = useDrawingList(label, version);
  const problem = error ?? list.failure;
  return (
    <section
      class="card readers"
      data-testid="readers"
      aria-labelledby="readers-heading"
      aria-busy={list.loading}
    >
      <h2 id="readers-heading">{texts.readersHeading}</h2>
      <p class="muted">{texts.readersIntro}</p>
      {problem && (
        <p class="error" role="alert">{texts.readersError(problem)}</p>
      )}
      {stats && <Scores texts={texts} stats={stats} />}
      <LabelFilter
        texts={texts}
        stats={stats}
        label={label}
        onLabel={setLabel}
      />
      <p class="muted tiles-legend">{texts.readersLegend}</p>
      {list.drawings.length === 0 && !list.loading && !problem && (
        <p class="readers-empty" data-testid="readers-empty">
          {label === null ? texts.readersEmpty : texts.readersEmptyLabel(label)}
        </p>
      )}
      <ul class="tiles">
        {list.drawings.map((drawing) => (
          <Tile key={drawing.id} texts={texts} drawing={drawing} />
        ))}
      </ul>
      {list.cursor && (
        <button type="button" class="button more" onClick={list.more}>
          {texts.showMore}
        </button>
      )}
    </section>
  );
}
