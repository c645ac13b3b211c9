/**
 * deno task build: everything the deployed function reads, made from the
 * sources — the test-set reports, each model's structure, the page's
 * scripts (bundle, early strokes, device engine, service worker), the
 * embedded test set, the Korean and Japanese font subsets, the page in each
 * language for a server without a build (static/pages/, committed:
 * scripts/prerender.ts), and in
 * static/precompressed/ (git-ignored) the brotli (quality 11) and gzip bodies
 * of every file the page loads (the wasm takes longest, once per onnxruntime
 * version), the page rendered in each language and the manifest a server
 * reads them by (scripts/build_page.ts).
 * Rerunning it on a clean tree changes nothing.
 *
 * @module
 */

import { MODELS } from "../lib/models.ts";
import { describeModel, mlpWeightsFile } from "../lib/convert/mod.ts";
import { MLP_WEIGHTS_FILE } from "../lib/assets/mod.ts";
import { EMBEDDED_DIR, gzip, MNIST_DIR, TEST_FILES } from "../lib/mnist/mod.ts";
import { bundle, BUNDLES } from "./bundle.ts";
import { buildFonts } from "./fonts.ts";
import { buildPage } from "./build_page.ts";
import { writePrerendered } from "./prerender.ts";
import { update } from "./update_file.ts";
import { evaluateModel, formatReport, reportContent } from "./evaluate.ts";

if (import.meta.main) {
  for (const spec of Object.values(MODELS)) {
    const report = await evaluateModel({ model: spec.name });
    console.log(`${spec.name}: accuracy ${report.accuracy}`);
    const old = await Deno.readTextFile(spec.report).catch(() => "");
    // the timing varies run to run: keep the committed report if nothing else changed
    const same = old &&
      reportContent(JSON.parse(old)) === reportContent(report);
    await update(spec.report, same ? old : formatReport(report));
    // the server reads the structure, not the ONNX protobuf (no onnx-proto at run time)
    const info = describeModel(await Deno.readFile(spec.file));
    await update(spec.info, JSON.stringify(info, null, 2) + "\n");
  }
  // the neuron view and the page's steps read the MLP's weights, not the ONNX protobuf
  await update(
    MLP_WEIGHTS_FILE,
    mlpWeightsFile(await Deno.readFile(MODELS.mlp.file)),
  );
  // a deployment has no dataset package: embed the test set the API serves
  for (const name of TEST_FILES) {
    const bytes = await Deno.readFile(new URL(name, MNIST_DIR));
    await update(new URL(`${name}.gz`, EMBEDDED_DIR), await gzip(bytes));
  }
  for (const [name, what] of Object.entries(BUNDLES)) {
    const temporary = new URL(`${name}.tmp`, what.output);
    const bytes = await bundle(what, { output: temporary });
    await Deno.remove(temporary);
    await update(what.output, bytes);
  }
  // the font subsets follow the page's texts (deterministic bytes);
  // style.css names them by content hash, so before it is compressed
  const fonts = await buildFonts();
  console.log(`fonts: ${JSON.stringify(fonts)}`);
  // the pages a server without a build sends (static/pages/, committed),
  // rendered from the bundles and the stylesheet as they are now
  await writePrerendered();
  // every file the page loads compressed once at the highest quality, the
  // page rendered in each language, the service worker, and their manifest
  await buildPage();
}
