/**
 * Tests of `scripts/bundle.ts`.
 *
 * @module
 */

import { assert, assertEquals } from "@std/assert";
import { bundle, BUNDLES } from "../../scripts/bundle.ts";

for (const [name, what] of Object.entries(BUNDLES)) {
  Deno.test(`the committed static/${name} equals a fresh bundle`, async () => {
    const dir = await Deno.makeTempDir();
    try {
      const fresh = await bundle(what, {
        output: new URL(`file://${dir}/${name}`),
      });
      const committed = await Deno.readFile(what.output);
      assert(fresh.length > 0, "empty bundle");
      const stale =
        `static/${name} is stale: run \`deno run -P=scripts scripts/bundle.ts\``;
      assertEquals(committed.length, fresh.length, stale);
      assertEquals(committed, fresh, stale);
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  });
}

async function text(name: keyof typeof BUNDLES) {
  return new TextDecoder().decode(await Deno.readFile(BUNDLES[name].output));
}

Deno.test("static/app.js bundles Preact and the preprocessing but not onnxruntime", async () => {
  const app = await text("app.js");
  assert(
    app.includes("Cannot read a digit"),
    "lib/input/preprocess.ts missing",
  );
  assert(app.includes("__H"), "Preact hooks missing");
  assert(!/InferenceSession|ort-wasm/.test(app), "onnxruntime is bundled");
  assert(!/^import\s/m.test(app), "the bundle imports other modules");
  // the page's words in three languages (texts/*/: 60 KB of source) are much
  // of it; the device engine's client (lib/worker's protocol) and the reading
  // of strokes (lib/input/preprocess.ts, for the API's path) 11 KB more, the
  // steps through one forward pass (components/neuron_steps.tsx …) 22 KB more,
  // the test set's run (components/test_run.tsx, test_set_runner.ts) 7 KB more
  assert(app.length < 176_000, `bundle is ${app.length} bytes`);
});

Deno.test("static/engine.js bundles onnxruntime-web's WASM-only build and lib/infer", async () => {
  const engine = await text("engine.js");
  assert(engine.includes("InferenceSession"), "onnxruntime missing");
  assert(engine.includes("ort-wasm-simd-threaded.wasm"), "wasm name missing");
  assert(engine.includes("Unknown output"), "lib/infer/session.ts missing");
  assert(!engine.includes("simd-threaded.jsep"), "the WebGPU build is bundled");
  assert(!/^import\s/m.test(engine), "the bundle imports other modules");
  assert(!/preact/i.test(engine), "Preact is bundled into the engine");
  assert(engine.length < 120_000, `engine is ${engine.length} bytes`);
});

Deno.test("static/sw.js runs as a classic worker script: no import or export", async () => {
  const worker = await text("sw.js");
  assert(!/^(import|export)\s/m.test(worker));
  assert(worker.includes("BUILD"));
});

Deno.test("static/early.js is small and imports nothing", async () => {
  const early = await text("early.js");
  assert(early.length < 2_000, `early.js is ${early.length} bytes`);
  assert(!/\bimport\b/.test(early));
});
