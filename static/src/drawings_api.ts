/**
 * The page's calls of /api/drawings — the same endpoints curl calls: store a
 * labelled drawing, delete it, list readers' drawings and their scores.
 *
 * @module
 */

import type { Answer } from "./api.ts";
import { reach } from "./offline.ts";

/** What POST /api/drawings answers. */
export interface SavedDrawing {
  id: string;
  /** Deletes the drawing; the server keeps only its hash. */
  deleteToken: string;
  predictions: Record<string, Answer>;
  expiresAt: string;
}

/** A reader's drawing as the API lists it. */
export interface ReaderDrawing {
  id: string;
  label: number;
  /** 784 values in [0, 1], row-major, white on black. */
  pixels: number[];
  predictions: Record<string, Answer>;
  createdAt: string;
  expiresAt: string;
}

/** A page of readers' drawings, newest first. */
export interface DrawingPage {
  drawings: ReaderDrawing[];
  /** The next page's cursor, or null on the last page. */
  cursor: string | null;
}

/** One model's score on readers' drawings. */
export interface ReaderScore {
  count: number;
  correct: number;
  accuracy: number | null;
  confusion: number[][];
  /** The same model's accuracy on MNIST's test set. */
  mnistAccuracy?: number;
}

/** What GET /api/drawings/stats answers. */
export interface DrawingStats {
  count: number;
  labels: number[];
  models: Record<string, ReaderScore>;
  limits: {
    retentionDays: number;
    maxDrawings: number;
    writesPerMinute: number;
  };
}

async function call<T>(path: string, init?: RequestInit): Promise<T> {
  const response = await reach(path, init);
  if (response.status === 204) return undefined as T;
  const body = await response.json().catch(() => ({}));
  if (!response.ok) {
    throw new Error(body?.error ?? `${response.status} ${response.statusText}`);
  }
  return body as T;
}

/**
 * Stores a drawing with the digit its reader meant (`POST /api/drawings`,
 * with consent: the page says what is stored before the reader taps).
 *
 * @throws {Error} With the server's message when it answers 4xx/5xx.
 */
export function saveDrawing(
  pixels: ArrayLike<number>,
  label: number,
): Promise<SavedDrawing> {
  return call("/api/drawings", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ pixels: Array.from(pixels), label, consent: true }),
  });
}

/**
 * Deletes a drawing with its token (`DELETE /api/drawings/:id`).
 *
 * @throws {Error} With the server's message when it answers 4xx/5xx.
 */
export function deleteDrawing(id: string, token: string): Promise<void> {
  return call(`/api/drawings/${encodeURIComponent(id)}`, {
    method: "DELETE",
    headers: { "x-delete-token": token },
  });
}

/** Options of {@linkcode listDrawings}. */
export interface ListOptions {
  /** Only drawings of this label, 0–9. */
  label?: number | null;
  limit?: number;
  cursor?: string | null;
  signal?: AbortSignal;
}

/**
 * A page of readers' drawings, newest first (`GET /api/drawings`).
 *
 * @throws {Error} With the server's message when it answers 4xx/5xx.
 */
export function listDrawings(options: ListOptions = {}): Promise<DrawingPage> {
  const query = new URLSearchParams();
  if (options.label !== undefined && options.label !== null) {
    query.set("label", String(options.label));
  }
  if (options.limit) query.set("limit", String(options.limit));
  if (options.cursor) query.set("cursor", options.cursor);
  const search = query.size ? `?${query}` : "";
  return call(`/api/drawings${search}`, { signal: options.signal });
}

/**
 * How each model does on readers' drawings (`GET /api/drawings/stats`).
 *
 * @throws {Error} With the server's message when it answers 4xx/5xx.
 */
export function loadDrawingStats(signal?: AbortSignal): Promise<DrawingStats> {
  return call("/api/drawings/stats", { signal });
}
