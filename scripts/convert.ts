// deno task convert [pickle] [out]: the book's weight pickle → ONNX model.

import { readNumpyPickle } from "../lib/npy_pickle.ts";
import { mlpToOnnx } from "../lib/onnx_export.ts";

const DEFAULT_PICKLE = "../shared/weights/sample_weight.pkl";
const DEFAULT_OUT = "model/mlp.onnx";

if (import.meta.main) {
  const [pickle = DEFAULT_PICKLE, out = DEFAULT_OUT] = Deno.args;
  const weights = readNumpyPickle(await Deno.readFile(pickle));
  const bytes = mlpToOnnx(weights);
  await Deno.writeFile(out, bytes);
  console.log(`${pickle} → ${out} (${bytes.length} bytes)`);
}
