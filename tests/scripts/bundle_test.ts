/**
 * Tests of `scripts/bundle.ts`.
 *
 * @module
 */

import { assert, assertEquals } from "@std/assert";
import {
  bundleClient,
  CLIENT_BUNDLE,
  EARLY_BUNDLE,
  EARLY_ENTRY,
} from "../../scripts/bundle.ts";

Deno.test("the committed static/app.js equals a fresh bundleClient()", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const fresh = await bundleClient({
      output: new URL(`file://${dir}/app.js`),
    });
    const committed = await Deno.readFile(CLIENT_BUNDLE);
    assert(fresh.length > 0, "empty bundle");
    assertEquals(
      committed.length,
      fresh.length,
      "static/app.js is stale: run `deno run -P=scripts scripts/bundle.ts`",
    );
    assertEquals(
      committed,
      fresh,
      "static/app.js is stale: run `deno run -P=scripts scripts/bundle.ts`",
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("bundleClient() bundles Preact and the preprocessing but not onnxruntime", async () => {
  const text = new TextDecoder().decode(await Deno.readFile(CLIENT_BUNDLE));
  assert(
    text.includes("Cannot read a digit"),
    "lib/input/preprocess.ts missing",
  );
  assert(text.includes("__H"), "Preact hooks missing");
  assert(!/InferenceSession|ort-wasm/.test(text), "onnxruntime is bundled");
  assert(!/^import\s/m.test(text), "the bundle imports other modules");
  assert(text.length < 100_000, `bundle is ${text.length} bytes`);
});

Deno.test("the committed static/early.js equals a fresh bundle, and is small", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const fresh = await bundleClient({
      entry: EARLY_ENTRY,
      output: new URL(`file://${dir}/early.js`),
    });
    assertEquals(
      await Deno.readFile(EARLY_BUNDLE),
      fresh,
      "static/early.js is stale: run `deno run -P=scripts scripts/bundle.ts`",
    );
    assert(fresh.length < 2_000, `early.js is ${fresh.length} bytes`);
    assert(!/\bimport\b/.test(new TextDecoder().decode(fresh)));
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
