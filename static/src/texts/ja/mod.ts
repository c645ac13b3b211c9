/**
 * The page in Japanese, the book's own language, in the Japanese edition's
 * terms (ニューラルネットワーク, 活性化関数, シグモイド関数, ソフトマックス関数,
 * バッチ処理, 認識精度, 推論処理, 順方向伝播, 中間層, 重み付き和, 前処理).
 *
 * @module
 */

import type { Texts } from "../types.ts";
import { engine } from "./engine.ts";
import { inside } from "./inside.ts";
import { page } from "./page.ts";
import { play } from "./play.ts";
import { readers } from "./readers.ts";
import { steps } from "./steps.ts";
import { testRun } from "./test_run.ts";
import { testSet } from "./test_set.ts";

/** Every string of the page in Japanese. */
export const ja: Texts = {
  ...page,
  ...play,
  ...readers,
  ...testSet,
  ...inside,
  engine,
  steps,
  testRun,
};
