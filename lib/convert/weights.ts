/**
 * The weights inside a converted ONNX model, read back by name. The build
 * uses it to write the MLP's first layer (model/mlp.layer1.bin) for the
 * page's neuron view, so that the server never parses ONNX protobuf.
 *
 * @module
 */

import onnxProto from "onnx-proto";
import type { Tensor } from "../tensor.ts";
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
 * The MLP's first layer as `deno task build` writes it for the server:
 * W1 (784×50) then b1 (50), float32 little-endian.
 *
 * @throws {RangeError} When the model has no W1 or b1.
 */
export function firstLayerBytes(onnxBytes: Uint8Array): Uint8Array {
  const { W1, b1 } = readWeights(onnxBytes, ["W1", "b1"]);
  const values = new Float32Array(W1.data.length + b1.data.length);
  values.set(W1.data);
  values.set(b1.data, W1.data.length);
  const bytes = new Uint8Array(values.length * 4);
  const view = new DataView(bytes.buffer);
  values.forEach((value, i) => view.setFloat32(i * 4, value, true));
  return bytes;
}
