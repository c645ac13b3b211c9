/**
 * The weights inside a converted ONNX model, read back by name. The build
 * uses it to write the MLP's weights (model/mlp.weights.bin) for the neuron
 * view and the page's steps, so that neither parses ONNX protobuf.
 *
 * @module
 */

import onnxProto from "onnx-proto";
import type { Tensor } from "../tensor.ts";
import {
  MLP_LAYERS,
  type MlpLayers,
  mlpWeightsBytes,
} from "../assets/weights.ts";
import { readModel } from "./model_info.ts";

const { onnx } = onnxProto;

/**
 * Reads named float32 initializers (weights and biases) of an ONNX model.
 *
 * @throws {SyntaxError} When the bytes are not an ONNX model.
 * @throws {RangeError} When the model has no float32 initializer of a name.
 */
export function readWeights(
  bytes: Uint8Array,
  names: readonly string[],
): Record<string, Tensor> {
  const model = readModel(bytes);
  const found: Record<string, Tensor> = {};
  for (const name of names) {
    const tensor = (model.graph?.initializer ?? []).find((t) =>
      t.name === name
    );
    if (!tensor || tensor.dataType !== onnx.TensorProto.DataType.FLOAT) {
      throw new RangeError(
        `Cannot read weight ${
          JSON.stringify(name)
        }: the model has no float32 initializer of that name`,
      );
    }
    const shape = (tensor.dims ?? []).map(Number);
    const size = shape.reduce((a, b) => a * b, 1);
    let data: Float32Array;
    if (tensor.rawData && tensor.rawData.length > 0) {
      // raw_data is little-endian: copy it out of the protobuf buffer
      const view = new DataView(
        tensor.rawData.buffer,
        tensor.rawData.byteOffset,
        tensor.rawData.byteLength,
      );
      data = Float32Array.from(
        { length: size },
        (_, i) => view.getFloat32(i * 4, true),
      );
    } else {
      data = Float32Array.from(tensor.floatData ?? []);
    }
    if (data.length !== size) {
      throw new RangeError(
        `Cannot read weight ${
          JSON.stringify(name)
        }: shape [${shape}] needs ${size} values, got ${data.length}`,
      );
    }
    found[name] = { data, shape };
  }
  return found;
}

/**
 * The MLP's weights as `deno task build` writes them for the server and the
 * page (model/mlp.weights.bin): W1, b1, W2, b2, W3, b3, float32
 * little-endian.
 *
 * @throws {RangeError} When the model lacks one of the six arrays.
 */
export function mlpWeightsFile(onnxBytes: Uint8Array): Uint8Array {
  return mlpWeightsBytes(readWeights(onnxBytes, MLP_LAYERS) as MlpLayers);
}
