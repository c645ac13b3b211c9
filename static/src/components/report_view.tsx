/**
 * The chosen model's evaluation report: accuracy, the confusion matrix as a
 * heat map whose cells open their images in the gallery, and the accuracy
 * (recall) of each digit.
 *
 * @module
 */

import type { Report } from "../../../lib/evaluate/mod.ts";
import type { ModelName } from "../api.ts";
import { Bar } from "./bar.tsx";
import { percent, type Texts } from "../texts/mod.ts";

/** Props of {@linkcode ReportView}. */
export interface ReportViewProps {
  texts: Texts;
  report: Report;
  /** The chosen model's report is on its way (`report` is the one before). */
  loading?: boolean;
  error?: string | null;
  /** The cell whose images the gallery shows, if any. */
  chosen?: { label: number; predicted: number } | null;
  /** A cell was chosen: show its images. */
  onCell?(label: number, predicted: number): void;
}

/** Shades of the heat map, as CSS classes (an inline style would break the CSP). */
export const HEAT_LEVELS = 8;

/** A cell's class: blue on the diagonal, red off it, darker for more images (log scale). */
function heat(value: number, max: number, right: boolean): string {
  if (value === 0) return "";
  const level = Math.max(
    1,
    Math.round(HEAT_LEVELS * Math.log1p(value) / Math.log1p(max)),
  );
  return `${right ? "right" : "wrong"}-${level}`;
}

/** Props of {@linkcode ConfusionMatrix}. */
interface ConfusionMatrixProps {
  texts: Texts;
  confusion: number[][];
  chosen?: ReportViewProps["chosen"];
  onCell?: ReportViewProps["onCell"];
}

/** Rows: the true label; columns: the answer; a cell with images opens them. */
function ConfusionMatrix(
  { texts, confusion, chosen, onCell }: ConfusionMatrixProps,
) {
  const maxRight = Math.max(...confusion.map((row, i) => row[i]));
  const maxWrong = Math.max(
    1,
    ...confusion.flatMap((row, i) => row.filter((_, j) => j !== i)),
  );
  const cell = (value: number, i: number, j: number) => (
    <td key={j} class={heat(value, i === j ? maxRight : maxWrong, i === j)}>
      {value === 0 ? "0" : (
        <button
          type="button"
          class="cell"
          data-testid="confusion-cell"
          data-label={i}
          data-predicted={j}
          aria-pressed={chosen?.label === i && chosen?.predicted === j}
          onClick={() => onCell?.(i, j)}
        >
          {value}
          <span class="visually-hidden">
            {`: ${texts.labelAxis} ${i}, ${texts.predictionAxis} ${j}`}
          </span>
        </button>
      )}
    </td>
  );
  return (
    <div class="table-scroll">
      <table class="confusion" data-testid="confusion">
        <caption>{texts.confusionCaption}</caption>
        <thead>
          <tr>
            <th scope="col" class="corner">
              {texts.labelAxis} \ {texts.predictionAxis}
            </th>
            {confusion.map((_, j) => <th key={j} scope="col">{j}</th>)}
          </tr>
        </thead>
        <tbody>
          {confusion.map((row, i) => (
            <tr key={i}>
              <th scope="row">{i}</th>
              {row.map((value, j) => cell(value, i, j))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Each digit's recall as a bar. */
function RecallBars({ texts, report }: { texts: Texts; report: Report }) {
  return (
    <ul class="bars recall">
      {report.perDigit.map((score) => (
        <li
          key={score.digit}
          class="bar"
          aria-label={texts.perDigitItem(
            score.digit,
            score.recall,
            score.count,
          )}
        >
          <span class="bar-digit">{score.digit}</span>
          <Bar fraction={score.recall} />
          <span class="bar-value">{percent(score.recall)}</span>
        </li>
      ))}
    </ul>
  );
}

/** The report section. */
export function ReportView(props: ReportViewProps) {
  const { texts, report, loading = false, error = null } = props;
  const name = texts.models[report.model as ModelName]?.name ?? report.model;
  return (
    <section
      class={loading ? "card report loading" : "card report"}
      aria-labelledby="report-heading"
      aria-busy={loading}
    >
      <h2 id="report-heading">{texts.reportHeading}</h2>
      {error && <p class="error" role="alert">{texts.reportError(error)}</p>}
      <div class="accuracy">
        <span class="muted">{texts.accuracyLabel(name)}</span>
        <strong data-testid="accuracy">{percent(report.accuracy, 2)}</strong>
        <span class="muted">
          {texts.correctOf(report.correct, report.total)} ·{" "}
          {texts.batchNote(report.batchSize, report.seconds)}
        </span>
      </div>
      <div class="report-grid">
        <div>
          <h3>{texts.confusionHeading}</h3>
          <ConfusionMatrix
            texts={texts}
            confusion={report.confusion}
            chosen={props.chosen}
            onCell={props.onCell}
          />
        </div>
        <div>
          <h3>{texts.perDigitHeading}</h3>
          <RecallBars texts={texts} report={report} />
        </div>
      </div>
    </section>
  );
}
