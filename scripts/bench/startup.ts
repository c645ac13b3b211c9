/**
 * deno task bench:startup: where the first prediction's time goes. A child
 * process does what the inference worker does at start, on its own thread —
 * onnxruntime-web's JS imported while its wasm is read and compiled
 * (lib/runtime/model_files.ts: importRuntime, compileRuntime), the MLP's session created, a
 * first run of 100 images — and says when each ended (ms since its isolate
 * started). Then, apart, the split of onnxruntime's own start: its
 * Emscripten module instantiated twice from the same compiled module and
 * `_OrtInit` called in each (the second instance finds its functions
 * compiled: what remains is running them). The parent runs the child under
 * each set of V8 flags, on both cores and on one (`taskset -c 0`), and
 * prints medians.
 *
 * deno task bench:startup [--runs 5] [--cores 2,1]
 *
 * @module
 */

import process from "node:process";
import { parseArgs } from "node:util";
import { median } from "./tools.ts";

/** The V8 flag sets compared: the default, and two wasm compilation modes. */
const FLAG_SETS = ["", "--liftoff-only", "--no-wasm-lazy-compilation"];

/** CPU milliseconds this process has used (every thread). */
function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

/** Runs in the child: the worker's start, each step's end in ms since the isolate started. */
async function phases(): Promise<Record<string, number>> {
  const at = () => Math.round(performance.now());
  const marks: Record<string, number> = {};
  const { compileRuntime, importRuntime, openModel } = await import(
    "../../lib/runtime/model_files.ts"
  );
  const { pixelsFromFloats } = await import("../../lib/input/pixels.ts");
  marks["the worker's modules loaded"] = at();
  importRuntime().then(() => marks["onnxruntime-web's JS imported"] = at());
  const wasm = await compileRuntime();
  marks["its wasm read and compiled (13.6 MiB)"] = at();
  const session = await openModel("mlp", wasm);
  marks["MLP session created (instantiate, ORT's init, the session)"] = at();
  await session.predict(pixelsFromFloats(new Float32Array(100 * 784)));
  marks["first run, 100 images"] = at();
  return marks;
}

/**
 * onnxruntime's `_OrtInit` (its environment: every operator's schema
 * registered) in two instances of one compiled module: CPU ms of each, in a
 * process that has run nothing of the wasm before.
 */
async function ortInitSplit(): Promise<Record<string, number>> {
  const { readWorkFile } = await import("../../lib/work_file.ts");
  const { ORT_WASM_URL } = await import("../../lib/runtime/model_files.ts");
  const module = await WebAssembly.compile(await readWorkFile(ORT_WASM_URL));
  const glue = new URL(
    import.meta.resolve("onnxruntime-web/ort-wasm-simd-threaded.mjs"),
  );
  const { default: factory } = await import(glue.href);
  const instantiate = WebAssembly.instantiate;
  const split: Record<string, number> = {};
  // the glue instantiates from bytes: answered from the compiled module
  WebAssembly.instantiate =
    (async (_: unknown, imports: WebAssembly.Imports) => ({
      module,
      instance: await instantiate(module, imports),
    })) as typeof WebAssembly.instantiate;
  try {
    for (const which of ["first", "second"]) {
      const instance = await factory({
        numThreads: 1,
        wasmBinary: new ArrayBuffer(0),
      });
      const start = cpuMs();
      if (instance._OrtInit(1, 3) !== 0) throw new Error("OrtInit failed");
      split[`(CPU ms) _OrtInit, ${which} instance`] = Math.round(
        cpuMs() - start,
      );
    }
  } finally {
    WebAssembly.instantiate = instantiate;
  }
  return split;
}

/** Runs the child `runs` times; the median of each mark. */
async function measure(
  flags: string,
  cpus: string | undefined,
  runs: number,
): Promise<Record<string, number>> {
  const all: Record<string, number>[] = [];
  for (let i = 0; i < runs; i++) {
    all.push({
      ...await child(flags, cpus, false),
      ...await child(flags, cpus, true),
    });
  }
  return Object.fromEntries(
    Object.keys(all[0]).map((mark) => [
      mark,
      Math.round(median(all.map((r) => r[mark]))),
    ]),
  );
}

/** One child process: the timeline, or onnxruntime's init split. */
async function child(
  flags: string,
  cpus: string | undefined,
  split: boolean,
): Promise<Record<string, number>> {
  const args = [
    "run",
    "-P=serve",
    ...flags ? [`--v8-flags=${flags}`] : [],
    new URL(import.meta.url).pathname,
    "--child",
    ...split ? ["--split"] : [],
  ];
  const deno = Deno.execPath();
  const { stdout, success } = await new Deno.Command(
    cpus ? "taskset" : deno,
    { args: cpus ? ["-c", cpus, deno, ...args] : args, stderr: "null" },
  ).output();
  if (!success) throw new Error(`The child failed under flags ${flags}`);
  return JSON.parse(new TextDecoder().decode(stdout));
}

if (import.meta.main) {
  const { values } = parseArgs({
    args: Deno.args,
    options: {
      child: { type: "boolean", default: false },
      split: { type: "boolean", default: false },
      runs: { type: "string", default: "5" },
      cores: { type: "string", default: "2,1" },
    },
  });
  if (values.child) {
    console.log(
      JSON.stringify(values.split ? await ortInitSplit() : await phases()),
    );
  } else {
    for (const cores of values.cores.split(",")) {
      const cpus = cores === "1" ? "0" : undefined;
      const columns: Record<string, number>[] = [];
      for (const flags of FLAG_SETS) {
        columns.push(await measure(flags, cpus, Number(values.runs)));
      }
      const header = FLAG_SETS.map((flags) => flags || "default flags");
      console.log(`\n${cores === "1" ? "1 core (taskset -c 0)" : "2 cores"}`);
      console.log(
        `| ms since the isolate started, median | ${header.join(" | ")} |`,
      );
      console.log(`| --- | ${header.map(() => "---:").join(" | ")} |`);
      for (const mark of Object.keys(columns[0])) {
        console.log(`| ${mark} | ${columns.map((c) => c[mark]).join(" | ")} |`);
      }
    }
  }
}
