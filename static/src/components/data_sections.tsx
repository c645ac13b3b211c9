/**
 * The sections over the data: the chosen model's report, whose confusion
 * cells filter the gallery of test images, and the readers' drawings. They
 * change with the model, a chosen cell or image and the readers' drawings,
 * never with an answer: their elements are kept while the pen moves, and
 * Preact skips them.
 *
 * @module
 */

import { useCallback, useMemo, useState } from "preact/hooks";
import type { Report } from "../../../lib/evaluate/mod.ts";
import type { ModelName } from "../api.ts";
import type { Texts } from "../texts/mod.ts";
import { bringIntoView } from "./bring_into_view.ts";
import { type CellFilter, Gallery } from "./gallery.tsx";
import { ReadersDrawings } from "./readers_drawings.tsx";
import { ReportView } from "./report_view.tsx";
import type { Readers } from "./use_readers.ts";
import { useReport } from "./use_report.ts";

/** Props of {@linkcode DataSections}. */
export interface DataSectionsProps {
  texts: Texts;
  model: ModelName;
  /** The default model's report, rendered by the server. */
  report: Report;
  /** The test image shown, if one is. */
  selected: number | null;
  onChoose(index: number): void;
  readers: Readers;
}

/** The report, the gallery and the readers' drawings. */
export function DataSections(props: DataSectionsProps) {
  const { texts, selected, onChoose, readers } = props;
  const shown = useReport(props.model, props.report);
  const [filter, setFilter] = useState<CellFilter | null>(null);
  const openCell = useCallback((label: number, predicted: number) => {
    setFilter({ label, predicted });
    requestAnimationFrame(() => {
      const heading = document.getElementById("gallery-heading");
      if (!heading) return;
      heading.focus({ preventScroll: true });
      bringIntoView(heading, "start");
    });
  }, []);
  const clearFilter = useCallback(() => setFilter(null), []);
  return useMemo(() => (
    <>
      <ReportView texts={texts} {...shown} chosen={filter} onCell={openCell} />
      <Gallery
        texts={texts}
        report={shown.report}
        selected={selected}
        onChoose={onChoose}
        filter={filter}
        onClearFilter={clearFilter}
      />
      <ReadersDrawings texts={texts} {...readers} />
    </>
  ), [
    texts,
    shown.report,
    shown.loading,
    shown.error,
    filter,
    selected,
    onChoose,
    readers.stats,
    readers.error,
    readers.version,
  ]);
}
