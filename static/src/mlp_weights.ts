/**
 * The MLP's weights for the page's steps through one forward pass: the
 * build's model/mlp.weights.bin (W1, b1, W2, b2, W3, b3 as float32), served
 * at a content-hashed URL and fetched once, when the reader comes to the
 * steps; the service worker keeps it from then on.
 *
 * @module
 */

import { type MlpLayers, readMlpWeights } from "../../lib/assets/weights.ts";
import { reach } from "./offline.ts";
import { pageFiles } from "./page_files.ts";

export type { MlpLayers };

let weights: Promise<MlpLayers> | undefined;

/**
 * Loads the MLP's six arrays, once (a failed load is tried again on the next call).
 *
 * @throws {Error} OFFLINE when no server answered, the status when one refused.
 * @throws {SyntaxError} When the file is not the six arrays.
 */
export function loadMlpWeights(): Promise<MlpLayers> {
  weights ??= (async () => {
    const url = pageFiles()?.weights;
    if (!url) throw new Error("the page names no weights file");
    const response = await reach(url);
    if (!response.ok) {
      throw new Error(`${response.status} ${response.statusText}`);
    }
    return readMlpWeights(new Uint8Array(await response.arrayBuffer()));
  })();
  weights.catch(() => weights = undefined);
  return weights;
}
