/**
 * The module Worker of lib/input/decode_pool.ts: says "ready" once loaded,
 * then decodes one image at a time with {@linkcode decodeImage}, makes it the
 * network's input with {@linkcode toMnistInput} when asked, and posts back the
 * result (its buffer transferred, not copied) or the client's mistake as
 * status, message and headers, so that the pool can throw the same InputError
 * on the server's side.
 *
 * @module
 */

import { type PostedError, postError } from "../input_error.ts";
import { decodeImage } from "./image_decode.ts";
import { type RgbaImage, toMnistInput } from "./preprocess.ts";

/** What the pool asks: one image, and what to make of it. */
export interface DecodeRequest {
  bytes: Uint8Array;
  maxPixels?: number;
  /** "rgba": the decoded image; "mnist": the 784 inputs of the network. */
  output: "rgba" | "mnist";
}

/** What the worker answers: the result, the client's mistake, or a bug. */
export type DecodeReply =
  | { ok: true; image?: RgbaImage; input?: Float32Array }
  | ({ ok: false } & PostedError);

self.onmessage = (event: MessageEvent<DecodeRequest>) => {
  const { bytes, maxPixels, output } = event.data;
  let reply: DecodeReply;
  try {
    const image = decodeImage(bytes, { maxPixels });
    if (output === "mnist") {
      const input = toMnistInput(image);
      self.postMessage({ ok: true, input } satisfies DecodeReply, {
        transfer: [input.buffer as ArrayBuffer],
      });
      return;
    }
    let data = image.data as Uint8Array;
    if (data.byteOffset !== 0 || data.byteLength !== data.buffer.byteLength) {
      data = data.slice(); // a view into a larger buffer: send only its bytes
    }
    reply = { ok: true, image: { ...image, data } };
    self.postMessage(reply, { transfer: [data.buffer as ArrayBuffer] });
    return;
  } catch (error) {
    reply = { ok: false, ...postError(error) };
  }
  self.postMessage(reply);
};

// the pool's clock starts now: loading (and under deno test, type-checking)
// these modules is not the image's time
self.postMessage("ready");
