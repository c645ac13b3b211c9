/**
 * deno task evaluate [--batch-size N] [--model NAME]: the book's accuracy
 * check over the 10,000 test images; prints it and writes the model's report.
 *
 * @module
 */

import { parseArgs } from "node:util";
import { buildReport, evaluate, type Report } from "../lib/evaluate/mod.ts";
import { loadMnistSet } from "../lib/mnist/mod.ts";
import { modelSpec } from "../lib/models.ts";
import { openModel } from "../lib/runtime/mod.ts";
import type { Tensor } from "../lib/tensor.ts";
import { pixelsFromFloats } from "../lib/input/mod.ts";

/** Options of {@linkcode evaluateModel}. */
export interface EvaluateModelOptions {
  model?: string;
  batchSize?: number;
  onProgress?: (done: number, total: number) => void;
}

/** Evaluates a served model on the MNIST test set and returns its report. */
export async function evaluateModel(
  options: EvaluateModelOptions = {},
): Promise<Report> {
  const { model = "mlp", batchSize = 100, onProgress } = options;
  const [images, labels] = await loadMnistSet("test");
  const session = await openModel(model);
  const start = performance.now();
  const { digits } = await evaluate({
    session,
    images: pixelsFromFloats((images as Tensor).data),
    batchSize,
    onProgress,
  });
  const seconds = (performance.now() - start) / 1000;
  await session.release();
  return buildReport({
    model,
    labels: labels.data,
    digits,
    batchSize,
    seconds: Math.round(seconds * 1000) / 1000,
  });
}

/** A report as JSON text, without its timing (which varies run to run). */
export function reportContent(report: Report): string {
  return JSON.stringify({ ...report, seconds: undefined });
}

/** Pretty JSON with each array of numbers (a confusion row) kept on one line. */
export function formatReport(report: Report): string {
  return JSON.stringify(report, null, 2).replace(
    /\[\s*(-?[\d.e+-]+(?:,\s*-?[\d.e+-]+)*)\s*\]/g,
    (_, list: string) => `[${list.split(/,\s*/).join(", ")}]`,
  ) + "\n";
}

if (import.meta.main) {
  const { values } = parseArgs({
    args: Deno.args,
    options: {
      "batch-size": { type: "string", default: "100" },
      model: { type: "string", default: "mlp" },
    },
  });
  const batchSize = Number(values["batch-size"]);
  const spec = modelSpec(values.model);
  const encoder = new TextEncoder();
  const report = await evaluateModel({
    model: spec.name,
    batchSize,
    onProgress(done, total) {
      // redraw only when the bar or the end changes, not on every batch
      if (
        done !== total &&
        Math.floor(done * 30 / total) ===
          Math.floor((done - batchSize) * 30 / total)
      ) return;
      const bar = "#".repeat(Math.round((done / total) * 30)).padEnd(30, ".");
      Deno.stdout.writeSync(encoder.encode(`\r[${bar}] ${done}/${total}`));
    },
  });
  console.log(
    `\n${spec.name}: accuracy ${report.accuracy} (${report.correct}/${report.total}), batch size ${batchSize}, ${report.seconds} s`,
  );
  // Keep the committed report when only the timing differs: reruns change nothing.
  const old = await Deno.readTextFile(spec.report).catch(() => "");
  if (old && reportContent(JSON.parse(old)) === reportContent(report)) {
    console.log(`${spec.report.pathname}: unchanged`);
  } else {
    await Deno.writeTextFile(spec.report, formatReport(report));
    console.log(`${spec.report.pathname}: written`);
  }
}
