// The page's calls of the JSON API — the same endpoints curl calls.

/** What the network answered for one image. */
export interface Answer {
  digit: number;
  /** Ten probabilities, one per digit, summing to 1. */
  probabilities: number[];
}

/** A test image with its label and the network's answer. */
export interface TestImage extends Answer {
  index: number;
  label: number;
  /** 784 values in [0, 1], row-major, white digit on black. */
  pixels: number[];
}

async function call<T>(path: string, init?: RequestInit): Promise<T> {
  const response = await fetch(path, init);
  const body = await response.json().catch(() => ({}));
  if (!response.ok) {
    throw new Error(body?.error ?? `${response.status} ${response.statusText}`);
  }
  return body as T;
}

/**
 * Asks the server to read 784 pixels (`POST /api/predict`).
 *
 * @throws {Error} With the server's message when it answers 4xx/5xx.
 * @throws {DOMException} AbortError when `signal` aborts.
 */
export function predict(
  pixels: ArrayLike<number>,
  signal?: AbortSignal,
): Promise<Answer> {
  return call<Answer>("/api/predict", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ pixels: Array.from(pixels) }),
    signal,
  });
}

/**
 * Loads test image `index` (0–9999) and its answer (`GET /api/mnist/:index`).
 *
 * @throws {Error} With the server's message when it answers 4xx/5xx.
 */
export function loadTestImage(
  index: number,
  signal?: AbortSignal,
): Promise<TestImage> {
  return call<TestImage>(`/api/mnist/${index}`, { signal });
}
