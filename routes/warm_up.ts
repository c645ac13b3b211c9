/**
 * Warm-up before the server says it is ready, as Triton's `model_warmup`
 * does: one request of each costly kind goes through the app itself, in the
 * process, so that what is made once on first use — the page rendered and
 * compressed in each language, the OpenAPI document, the reports, the
 * prediction paths compiled by V8, the decoding worker started (it stops
 * again after a while without work) — is made before the first visitors
 * rather than while a burst of them waits: cold, that work held `/api/health`
 * in the soak's first second (docs/BENCHMARKS.md, Round 8).
 *
 * @module
 */

import { encode } from "fast-png";
import { IMAGE_SIDE, IMAGE_SIZE } from "../lib/tensor.ts";

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

function sender(app: Requestable, failed: string[]): Send {
  return async (path, init = {}, status = 200) => {
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
    } finally {
      // other requests (the first visitors' on Deno Deploy) go on meanwhile
      await new Promise((resolve) => setTimeout(resolve, 0));
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
 * Sends the app one request of each costly kind — the page in both
 * languages, the documents, a digit as JSON (both models), PNG, multipart,
 * bytes and V2, a refusal and an unknown route — one after another, and says
 * how long that took and which were not answered as expected. Never throws:
 * a failed step is reported, and the server serves anyway.
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
  const send = sender(app, failed);
  await send("/", { headers: { "accept-language": "en" } });
  await send("/", { headers: { "accept-language": "ko" } });
  await send("/api/openapi.json");
  await send("/api/models");
  await send("/api/report");
  await send("/api/report?model=deep-cnn");
  await predictEveryWay(send, await warmUpPixels(send));
  // the refusals' path too: a ClientError, its JSON, a 404
  await send("/api/predict", json("{"), 400);
  await send("/api/nothing-here", {}, 404);
  return { ms: performance.now() - start, failed };
}
