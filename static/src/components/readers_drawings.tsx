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
import { percent, type Texts } from "./texts.ts";

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

/** The section of readers' drawings. */
export function ReadersDrawings(
  { texts, stats, error, version }: ReadersDrawingsProps,
) {
  const [label, setLabel] = useState<number | null>(null);
  const [drawings, setDrawings] = useState<ReaderDrawing[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  // loading from the start: the server renders no "no drawings yet" it cannot know
  const [loading, setLoading] = useState(true);
  const [failure, setFailure] = useState<string | null>(null);

  useEffect(() => {
    const controller = new AbortController();
    setLoading(true);
    listDrawings({ label, limit: PAGE, signal: controller.signal }).then(
      (page) => {
        setDrawings(page.drawings);
        setCursor(page.cursor);
        setFailure(null);
        setLoading(false);
      },
      (error) => {
        if (error instanceof DOMException && error.name === "AbortError") {
          return;
        }
        setFailure(String(error?.message ?? error));
        setLoading(false);
      },
    );
    return () => controller.abort();
  }, [label, version]);

  const more = () => {
    if (!cursor) return;
    setLoading(true);
    listDrawings({ label, limit: PAGE, cursor }).then((page) => {
      setDrawings((shown) => [...shown, ...page.drawings]);
      setCursor(page.cursor);
      setLoading(false);
    }, (error) => {
      setFailure(String(error?.message ?? error));
      setLoading(false);
    });
  };

  const problem = error ?? failure;
  return (
    <section
      class="card readers"
      data-testid="readers"
      aria-labelledby="readers-heading"
      aria-busy={loading}
    >
      <h2 id="readers-heading">{texts.readersHeading}</h2>
      <p class="muted">{texts.readersIntro}</p>
      {problem && (
        <p class="error" role="alert">{texts.readersError(problem)}</p>
      )}
      {stats && <Scores texts={texts} stats={stats} />}
      <div
        class="reader-filter"
        role="group"
        aria-label={texts.filterLabel}
      >
        <span class="muted">{texts.filterLabel}</span>
        {[null, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9].map((value) => (
          <button
            key={String(value)}
            type="button"
            class="digit-choice"
            data-testid={`readers-filter-${value ?? "all"}`}
            aria-pressed={label === value}
            onClick={() => setLabel(value)}
          >
            {value === null ? texts.filterAll : value}
            {value !== null && stats
              ? <span class="filter-count">{stats.labels[value]}</span>
              : null}
          </button>
        ))}
      </div>
      <p class="muted tiles-legend">{texts.readersLegend}</p>
      {drawings.length === 0 && !loading && !problem && (
        <p class="readers-empty" data-testid="readers-empty">
          {label === null ? texts.readersEmpty : texts.readersEmptyLabel(label)}
        </p>
      )}
      <ul class="tiles">
        {drawings.map((drawing) => (
          <Tile key={drawing.id} texts={texts} drawing={drawing} />
        ))}
      </ul>
      {cursor && (
        <button type="button" class="button more" onClick={more}>
          {texts.showMore}
        </button>
      )}
    </section>
  );
}
