/**
 * The page in Korean, in the Korean edition's terms (신경망, 활성화 함수,
 * 소프트맥스 함수, 배치 처리, 정확도, 순전파, 시험 데이터), with particles after
 * numbers as they are read (../korean.ts).
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

/** Every string of the page in Korean. */
export const ko: Texts = {
  ...page,
  ...play,
  ...readers,
  ...testSet,
  ...inside,
  engine,
  steps,
  testRun,
};
