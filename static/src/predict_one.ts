/**
 * One model's answer for one image, wherever the page's predictions run: on
 * this device once its engine is in use (no request), else through the API.
 * The views that ask on their own — the preprocessing lab — call this, so
 * they follow the engine as the pad does.
 *
 * @module
 */

import { type Answer, type ModelName, predict } from "./api.ts";
import { deviceEngine } from "./device.ts";

/**
 * Reads 784 pixels in [0, 1] with one model.
 *
 * @throws {Error} With the server's message when the API answers 4xx/5xx.
 */
export async function predictOne(
  pixels: Float32Array,
  model: ModelName,
): Promise<Answer> {
  const engine = deviceEngine();
  if (!engine) return await predict(pixels, { model });
  const [{ digit, probabilities }] = await engine.predict(model, pixels);
  return { digit, probabilities };
}
