/**
 * deno task convert [pickle] [out]: the book's weight pickle → ONNX model.
 * The architecture follows from the pickle's keys and shapes.
 *
 * @module
 */

import {
  deepConvNetToOnnx,
  mlpToOnnx,
  type NdArray,
  readNumpyPickle,
} from "../lib/convert/mod.ts";

const DEFAULT_PICKLE = "../shared/weights/sample_weight.pkl";
const DEFAULT_OUT = "model/mlp.onnx";

/** The converter for a weight dict: chapter 8's DeepConvNet or chapter 3's MLP. */
export function converterOf(
  weights: Record<string, NdArray>,
): (weights: Record<string, NdArray>) => Uint8Array {
  if (weights.W7 && weights.W8 && weights.W1?.shape.length === 4) {
    return deepConvNetToOnnx;
  }
  if (weights.W1?.shape.join("×") === "784×50" && weights.b3 && !weights.W4) {
    return mlpToOnnx;
  }
  const keys = Object.entries(weights)
    .map(([name, array]) => `${name} ${array.shape.join("×")}`).join(", ");
  throw new TypeError(
    `Cannot convert: neither the MLP (W1 784×50 … b3) nor the DeepConvNet (W1 16×1×3×3 … b8) in ${keys}`,
  );
}

if (import.meta.main) {
  const [pickle = DEFAULT_PICKLE, out = DEFAULT_OUT] = Deno.args;
  const weights = readNumpyPickle(await Deno.readFile(pickle));
  const convert = converterOf(weights);
  const bytes = convert(weights);
  await Deno.writeFile(out, bytes);
  console.log(`${pickle} → ${out} (${convert.name}, ${bytes.length} bytes)`);
}
