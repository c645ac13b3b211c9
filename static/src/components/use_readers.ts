/**
 * Readers' drawings as the page knows them: their scores (fetched once the
 * page runs, again after each change) and a version that moves on every
 * change, so that the gallery reloads too.
 *
 * @module
 */

import { useCallback, useEffect, useState } from "preact/hooks";
import { type DrawingStats, loadDrawingStats } from "../drawings_api.ts";

/** The scores, and how to say that a drawing was stored or deleted. */
export interface Readers {
  /** Null until loaded, or when this server keeps no drawings. */
  stats: DrawingStats | null;
  error: string | null;
  /** Moves on every change. */
  version: number;
  /** A drawing was stored or deleted: reload. */
  changed(): void;
}

/** Loads `GET /api/drawings/stats`, and again after every `changed()`. */
export function useReaders(): Readers {
  const [stats, setStats] = useState<DrawingStats | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [version, setVersion] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    loadDrawingStats(controller.signal).then(
      (loaded) => {
        setStats(loaded);
        setError(null);
      },
      (error) => {
        if (error instanceof DOMException && error.name === "AbortError") {
          return;
        }
        setError(error instanceof Error ? error.message : String(error));
      },
    );
    return () => controller.abort();
  }, [version]);

  const changed = useCallback(() => setVersion((v) => v + 1), []);
  return { stats, error, version, changed };
}
