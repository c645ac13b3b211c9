/**
 * The chosen model's evaluation report: accuracy, the confusion matrix as a
 * heat map whose cells open their images in the gallery (confusion_matrix.tsx),
 * and the accuracy (recall) of each digit.
 *
 * @module
 */

import type { Report } from "../../../lib/evaluate/mod.ts";
import type { ModelName } from "../api.ts";
import { Bar } from "./bar.tsx";
import { ConfusionMatrix } from "./confusion_matrix.tsx";
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
          <h3 id="confusion-heading">{texts.confusionHeading}</h3>
          <ConfusionMatrix
            texts={texts}
            labelledBy="confusion-heading"
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
