/**
 * deno task build: everything the deployed function reads, made from the
 * sources — the test-set reports, the page's bundles, the embedded test set
 * and the Korean font subsets.
 * Rerunning it on a clean tree changes nothing.
 *
 * @module
 */

import { MODELS } from "../lib/models.ts";
import { describeModel } from "../lib/convert/model_info.ts";
import { firstLayerBytes } from "../lib/convert/weights.ts";
import { FIRST_LAYER_FILE } from "../lib/serve/weights.ts";
import { MNIST_DIR } from "../lib/mnist/load_mnist.ts";
import { EMBEDDED_DIR, gzip, TEST_FILES } from "../lib/mnist/embedded.ts";
import { bundleClient, EARLY_BUNDLE, EARLY_ENTRY } from "./bundle.ts";
import { buildFonts } from "./fonts.ts";
import { evaluateModel, formatReport, reportContent } from "./evaluate.ts";

/** Writes a file only when its bytes change; says which. */
async function update(file: URL, bytes: Uint8Array | string): Promise<void> {
  const next = typeof bytes === "string"
    ? new TextEncoder().encode(bytes)
    : bytes;
  const old = await Deno.readFile(file).catch(() => undefined);
  const same = old?.length === next.length &&
    old.every((b, i) => b === next[i]);
  if (!same) await Deno.writeFile(file, next);
  console.log(
    `${same ? "unchanged" : "written  "} ${decodeURIComponent(file.pathname)}`,
  );
}

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
  // the page's neuron view reads the MLP's first layer, not the ONNX protobuf
  await update(
    FIRST_LAYER_FILE,
    firstLayerBytes(await Deno.readFile(MODELS.mlp.file)),
  );
  // a deployment has no dataset package: embed the test set the API serves
  for (const name of TEST_FILES) {
    const bytes = await Deno.readFile(new URL(name, MNIST_DIR));
    await update(new URL(`${name}.gz`, EMBEDDED_DIR), await gzip(bytes));
  }
  const bundle = await bundleClient({
    output: new URL("../static/app.js.tmp", import.meta.url),
  });
  await Deno.remove(new URL("../static/app.js.tmp", import.meta.url));
  await update(new URL("../static/app.js", import.meta.url), bundle);
  const early = await bundleClient({
    entry: EARLY_ENTRY,
    output: new URL("../static/early.js.tmp", import.meta.url),
  });
  await Deno.remove(new URL("../static/early.js.tmp", import.meta.url));
  await update(EARLY_BUNDLE, early);
  // the Korean font subsets follow the Korean texts (deterministic bytes)
  const fonts = await buildFonts();
  console.log(`fonts: ${JSON.stringify(fonts)}`);
}
