/**
 * Warm-up before the server says it is ready, as Triton's `model_warmup`
 * does: one request of each costly kind goes through the app itself, in the
 * process, so that what is made once on first use — the page in each
 * language, the OpenAPI document, the reports, the prediction paths compiled
 * by V8, the decoding worker started (it stops again after a while without
 * work) — is made before a burst of visitors rather than while it waits:
 * cold, that work held `/api/health` in the soak's first second
 * (docs/BENCHMARKS.md, Round 8). It costs the first visitor nothing: main.ts
 * starts it after the server's first answer, and each step waits for a
 * moment when the event loop has nothing else to do.
 *
 * @module
 */

import { encode } from "fast-png";
import { IMAGE_SIDE, IMAGE_SIZE } from "../lib/tensor.ts";
import { LANGS } from "../static/src/texts/lang.ts";

/** What warm-up needs of the app: Hono's in-process `request`. */
export interface Requestable {
  request(path: string, init?: RequestInit): Response | Promise<Response>;
}

/** How a warm-up went. */
export interface WarmUpReport {
  /** Milliseconds from the first request to the last answer (`after` not counted). */
  ms: number;
  /** The requests not answered as expected, as `"METHOD path: status"`. */
  failed: string[];
}

/** Options of {@linkcode warmUp}. */
export interface WarmUpOptions {
  /**
   * Waited for before the first request: the models loaded (their
   * predictions would otherwise wait for them under the request time limit).
   * A rejection is reported as a failed step, and the warm-up goes on.
   */
  after?: Promise<unknown>;
  /**
   * Before each step, a timer of this many milliseconds must fire on time
   * (the event loop idle meanwhile): the warm-up gives way to requests.
   * 0 (the default) goes straight on.
   */
  idleMs?: number;
  /**
   * Steps after the requests, each taken as one (e.g. a page's file
   * compressed); a failure is reported as the step's.
   */
  more?: { name: string; run: () => Promise<unknown> }[];
}

/** The longest wait for an idle moment before a step goes anyway. */
const MAX_IDLE_TRIES = 100;

/** Waits until a timer of `ms` fires on time: nothing else held the event loop. */
async function idle(ms: number): Promise<void> {
  // at least one turn of the event loop: the requests waiting go first
  if (ms <= 0) return void await new Promise((r) => setTimeout(r, 0));
  for (let tries = 0; tries < MAX_IDLE_TRIES; tries++) {
    const start = performance.now();
    await new Promise((resolve) => setTimeout(resolve, ms));
    if (performance.now() - start < 2 * ms + 1) return;
  }
}

/** The index of the test image the warm-up predicts: the book's image 11. */
const WARM_UP_IMAGE = 11;

/** A digit's 784 values in [0, 1] as a grey PNG (white digit on black). */
function digitPng(pixels: readonly number[]): Uint8Array {
  const data = Uint8Array.from(pixels, (v) => Math.round(v * 255));
  return encode({
    width: IMAGE_SIDE,
    height: IMAGE_SIDE,
    data,
    channels: 1,
    depth: 8,
  });
}

/** Sends one request and notes it in `failed` unless it is answered `status`. */
type Send = (
  path: string,
  init?: RequestInit,
  status?: number,
) => Promise<{ response: Response; body: ArrayBuffer } | undefined>;

function sender(app: Requestable, failed: string[], idleMs: number): Send {
  return async (path, init = {}, status = 200) => {
    await idle(idleMs);
    const headers = new Headers(init.headers);
    // compressed as browsers ask, except where the body is read here
    if (!headers.has("accept-encoding")) {
      headers.set("accept-encoding", "br, gzip");
    }
    try {
      const response = await app.request(path, { ...init, headers });
      const body = await response.arrayBuffer();
      if (response.status !== status) {
        failed.push(`${init.method ?? "GET"} ${path}: ${response.status}`);
      }
      return { response, body };
    } catch (error) {
      failed.push(`${init.method ?? "GET"} ${path}: ${error}`);
    }
  };
}

/** A JSON POST. */
function json(body: unknown): RequestInit {
  return {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: typeof body === "string" ? body : JSON.stringify(body),
  };
}

/** The test image's pixels, as the app serves them (zeros if it could not). */
async function warmUpPixels(send: Send): Promise<number[]> {
  const image = await send(`/api/mnist/${WARM_UP_IMAGE}`, {
    headers: { "accept-encoding": "identity" },
  });
  try {
    const pixels = JSON.parse(new TextDecoder().decode(image?.body)).pixels;
    if (pixels?.length === IMAGE_SIZE) return pixels;
  } catch {
    // reported as the predictions' failures
  }
  return Array(IMAGE_SIZE).fill(0);
}

/** A digit predicted every way the API takes one: JSON (both models), PNG, multipart, bytes, V2. */
async function predictEveryWay(send: Send, pixels: number[]): Promise<void> {
  await send("/api/predict", json({ pixels }));
  await send("/api/predict?model=deep-cnn", json({ pixels }));
  const png = digitPng(pixels) as Uint8Array<ArrayBuffer>;
  await send("/api/predict", {
    method: "POST",
    headers: { "content-type": "image/png" },
    body: png,
  });
  const form = new FormData();
  form.append("image", new File([png], "digit.png", { type: "image/png" }));
  await send("/api/predict", { method: "POST", body: form });
  await send("/api/predict", {
    method: "POST",
    headers: { "content-type": "application/octet-stream" },
    body: Uint8Array.from(pixels, (v) => Math.round(v * 255)),
  });
  await send(
    "/v2/models/mlp/infer",
    json({
      inputs: [{
        name: "pixels",
        shape: [1, IMAGE_SIZE],
        datatype: "FP32",
        data: pixels,
      }],
    }),
  );
}

/**
 * Sends the app one request of each costly kind — the page in each
 * language, the documents, a digit as JSON (both models), PNG, multipart,
 * bytes and V2, a refusal and an unknown route — one after another, then
 * takes the `more` steps, and says how long that took and which were not
 * answered as expected. Never throws: a failed step is reported, and the
 * server serves anyway.
 */
export async function warmUp(
  app: Requestable,
  options: WarmUpOptions = {},
): Promise<WarmUpReport> {
  const failed: string[] = [];
  await options.after?.catch((error) => {
    failed.push(`waiting for the models: ${error}`);
  });
  const start = performance.now();
  const idleMs = options.idleMs ?? 0;
  const send = sender(app, failed, idleMs);
  for (const lang of LANGS) {
    await send("/", { headers: { "accept-language": lang } });
  }
  await send("/api/openapi.json");
  await send("/api/models");
  await send("/api/report");
  await send("/api/report?model=deep-cnn");
  await predictEveryWay(send, await warmUpPixels(send));
  // the refusals' path too: a ClientError, its JSON, a 404
  await send("/api/predict", json("{"), 400);
  await send("/api/nothing-here", {}, 404);
  for (const step of options.more ?? []) {
    await idle(idleMs);
    await step.run().catch((error) => failed.push(`${step.name}: ${error}`));
  }
  // the pages again: a step above may have changed what they show (the
  // files' sizes as sent, once compressed), and a page rendered anew is
  // compressed as it is first sent
  if (options.more?.length) {
    for (const lang of LANGS) {
      await send("/", { headers: { "accept-language": lang } });
    }
  }
  return { ms: performance.now() - start, failed };
}
