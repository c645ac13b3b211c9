/**
 * deno task bench:startup: where the server's cold start goes. A child process
 * times each phase of opening the MLP (importing the app, reading and compiling
 * onnxruntime-web's wasm, creating the session, the first prediction); the
 * parent runs it several times under each set of V8 flags and prints medians.
 *
 * deno task bench:startup [--runs 5]
 *
 * @module
 */

import { parseArgs } from "node:util";
import { median } from "./tools.ts";

/** The V8 flag sets compared: the default, and two wasm compilation modes. */
const FLAG_SETS = ["", "--liftoff-only", "--no-wasm-lazy-compilation"];

/** Runs in the child: each phase's end, in ms since the process started. */
async function phases(): Promise<Record<string, number>> {
  const since = performance.timeOrigin;
  const at = () => Math.round(Date.now() - since);
  const marks: Record<string, number> = {};
  await import("../../routes/app.ts");
  marks["app modules imported"] = at();
  const { createSession } = await import("../../lib/infer/session.ts");
  const { ORT_WASM_URL } = await import("../../lib/runtime/mod.ts");
  const { pixelsFromFloats } = await import("../../lib/input/mod.ts");
  const wasm = await Deno.readFile(ORT_WASM_URL);
  marks[`ort wasm read (${(wasm.length / 2 ** 20).toFixed(1)} MiB)`] = at();
  const model = await Deno.readFile(
    new URL("../../model/mlp.onnx", import.meta.url),
  );
  const session = await createSession({ name: "mlp", model, wasm });
  marks["ORT initialised, mlp session created"] = at();
  await session.predict(pixelsFromFloats(new Float32Array(784)));
  marks["first prediction"] = at();
  // after the timeline: how much of ORT's start is the wasm compile alone
  const start = performance.now();
  await WebAssembly.compile(wasm);
  marks["(a duration) WebAssembly.compile of that wasm alone"] = Math.round(
    performance.now() - start,
  );
  return marks;
}

if (import.meta.main) {
  const { values } = parseArgs({
    args: Deno.args,
    options: {
      child: { type: "boolean", default: false },
      runs: { type: "string", default: "5" },
    },
  });
  if (values.child) {
    console.log(JSON.stringify(await phases()));
  } else {
    const header = ["phase: ms since the isolate started, median"];
    const columns: Record<string, number>[] = [];
    for (const flags of FLAG_SETS) {
      const runs: Record<string, number>[] = [];
      for (let i = 0; i < Number(values.runs); i++) {
        const { stdout, success } = await new Deno.Command(Deno.execPath(), {
          args: [
            "run",
            "-P=serve",
            ...flags ? [`--v8-flags=${flags}`] : [],
            new URL(import.meta.url).pathname,
            "--child",
          ],
          stderr: "null",
        }).output();
        if (!success) throw new Error(`The child failed under flags ${flags}`);
        runs.push(JSON.parse(new TextDecoder().decode(stdout)));
      }
      header.push(flags || "default flags");
      columns.push(
        Object.fromEntries(
          Object.keys(runs[0]).map((
            phase,
          ) => [phase, Math.round(median(runs.map((r) => r[phase])))]),
        ),
      );
    }
    console.log(`| ${header.join(" | ")} |`);
    console.log(`| --- | ${columns.map(() => "---:").join(" | ")} |`);
    for (const phase of Object.keys(columns[0])) {
      console.log(`| ${phase} | ${columns.map((c) => c[phase]).join(" | ")} |`);
    }
  }
}
