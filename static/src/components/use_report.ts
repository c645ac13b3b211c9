/**
 * The report of the chosen model: the server renders the default model's, the
 * others are fetched the first time they are chosen and kept.
 *
 * @module
 */

import { useEffect, useRef, useState } from "preact/hooks";
import type { Report } from "../../../lib/evaluate/mod.ts";
import { loadReport, type ModelName } from "../api.ts";

/** The report to show, and whether the chosen model's is still on its way. */
export interface ShownReport {
  /** The chosen model's report, or the one shown before while it loads. */
  report: Report;
  loading: boolean;
  error: string | null;
}

/** Fetches `GET /api/report?model=` for each model once, starting from `initial`. */
export function useReport(model: ModelName, initial: Report): ShownReport {
  const [reports, setReports] = useState<Record<string, Report>>({
    [initial.model]: initial,
  });
  const [error, setError] = useState<string | null>(null);
  const last = useRef(initial);
  const report = reports[model];

  useEffect(() => {
    if (report) return;
    const controller = new AbortController();
    setError(null);
    loadReport(model, controller.signal).then(
      (loaded) => setReports((all) => ({ ...all, [model]: loaded })),
      (error) => {
        if (error instanceof DOMException && error.name === "AbortError") {
          return;
        }
        setError(error instanceof Error ? error.message : String(error));
      },
    );
    return () => controller.abort();
  }, [model, report]);

  if (report) last.current = report;
  return { report: last.current, loading: !report, error };
}
