/**
 * deno task calibrate [--per-kind N] [--seed S]: how the page's "unsure" state
 * (lib/reading/doubt.ts) does on the 10,000 MNIST test images (how many real
 * digits it flags, and how many of the MLP's misreads) and on scribbles drawn
 * as on the pad (how many it catches), with both networks reading each.
 *
 * @module
 */

import { parseArgs } from "node:util";
import {
  pixelsFromFloats,
  renderStrokes,
  type Stroke,
  strokeBounds,
  toMnistInput,
} from "../lib/input/mod.ts";
import { loadMnistSet } from "../lib/mnist/mod.ts";
import { doubt, type DoubtReason } from "../lib/reading/mod.ts";
import { openModel } from "../lib/runtime/mod.ts";
import type { Session } from "../lib/infer/mod.ts";
import { DIGITS, SCRIBBLE_KINDS, scribbles } from "./calibrate/drawings.ts";

const MODEL_NAMES = ["mlp", "deep-cnn"];

/** Each model's probabilities for N images: `[model][image]` → 10 values. */
async function readAll(
  sessions: Record<string, Session>,
  pixels: Float32Array,
): Promise<Record<string, Float32Array[]>> {
  const n = pixels.length / 784;
  const out: Record<string, Float32Array[]> = {};
  for (const [name, session] of Object.entries(sessions)) {
    out[name] = [];
    for (let start = 0; start < n; start += 500) {
      const end = Math.min(n, start + 500);
      const { probabilities } = await session.predict(
        pixelsFromFloats(pixels.subarray(start * 784, end * 784)),
      );
      for (let i = 0; i < end - start; i++) {
        out[name].push(probabilities.data.slice(i * 10, i * 10 + 10));
      }
    }
  }
  return out;
}

/** The networks' input for drawn strokes, and the drawing's extent. */
function fromStrokes(strokes: Stroke[]) {
  return {
    pixels: toMnistInput(renderStrokes(strokes)),
    extent: strokeBounds(strokes)!.extent,
  };
}

function share(part: number, whole: number): string {
  return `${part}/${whole} (${(100 * part / whole).toFixed(1)}%)`;
}

if (import.meta.main) {
  const { values } = parseArgs({
    args: Deno.args,
    options: {
      "per-kind": { type: "string", default: "100" },
      seed: { type: "string", default: "1" },
    },
  });
  const sessions: Record<string, Session> = {};
  for (const name of MODEL_NAMES) sessions[name] = await openModel(name);

  // the test set
  const [images, labels] = await loadMnistSet("test", { normalize: true });
  const testPixels = images.data as Float32Array;
  const test = await readAll(sessions, testPixels);
  const n = labels.data.length;
  let flagged = 0;
  let misread = 0;
  let misreadFlagged = 0;
  const why: Record<DoubtReason, number> = {
    "little-ink": 0,
    "too-wide": 0,
    disagree: 0,
    "close-call": 0,
  };
  for (let i = 0; i < n; i++) {
    const readings = Object.fromEntries(
      MODEL_NAMES.map((name) => [name, test[name][i]]),
    );
    const verdict = doubt({
      readings,
      pixels: testPixels.subarray(i * 784, (i + 1) * 784),
    });
    const mlp = test.mlp[i];
    const wrong = mlp.indexOf(Math.max(...mlp)) !== labels.data[i];
    if (wrong) misread++;
    if (!verdict.unsure) continue;
    flagged++;
    if (wrong) misreadFlagged++;
    for (const reason of verdict.reasons) why[reason]++;
  }
  console.log(`MNIST test set: ${share(flagged, n)} digits flagged unsure`);
  console.log(
    `  the MLP's misreads: ${share(misreadFlagged, misread)} flagged; ` +
      `flagged and read right by the MLP: ${flagged - misreadFlagged}`,
  );
  console.log(
    `  reasons (an image may have several): ${
      Object.entries(why).map(([k, v]) => `${k} ${v}`).join(", ")
    }`,
  );

  // drawings
  const drawn = [
    ...Object.entries(DIGITS).map(([digit, strokes]) => ({
      kind: "digit",
      name: digit,
      strokes,
    })),
    ...scribbles({
      perKind: Number(values["per-kind"]),
      seed: Number(values.seed),
    }),
  ];
  const inputs = drawn.map((d) => fromStrokes(d.strokes));
  const pixels = new Float32Array(inputs.length * 784);
  inputs.forEach((input, i) => pixels.set(input.pixels, i * 784));
  const read = await readAll(sessions, pixels);
  const caught = drawn.map((_, i) =>
    doubt({
      readings: Object.fromEntries(
        MODEL_NAMES.map((name) => [name, read[name][i]]),
      ),
      ...inputs[i],
    }).unsure
  );
  const count = (kind: string, name?: string) => {
    const chosen = drawn.flatMap((d, i) =>
      d.kind === kind && (name === undefined || d.name === name) ? [i] : []
    );
    return share(chosen.filter((i) => caught[i]).length, chosen.length);
  };
  console.log(
    `Drawn digits (${Object.keys(DIGITS).join(", ")}): ${
      count("digit")
    } flagged unsure`,
  );
  console.log(`Scribbles (seed ${values.seed}), caught as unsure:`);
  for (const kind of SCRIBBLE_KINDS) console.log(`  ${kind}: ${count(kind)}`);
  console.log(
    `    crosses: × ${count("cross", "×")}, + ${count("cross", "+")}`,
  );
  const all = drawn.flatMap((d, i) => d.kind === "digit" ? [] : [caught[i]]);
  console.log(`  all: ${share(all.filter(Boolean).length, all.length)}`);
  for (const session of Object.values(sessions)) await session.release();
}
