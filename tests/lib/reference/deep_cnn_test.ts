/**
 * Tests of `lib/reference/deep_cnn.ts`.
 *
 * @module
 */

import "../../_data.ts"; // onnxruntime-web started before any test
import {
  assertAlmostEquals,
  assertEquals,
  assertLess,
  assertThrows,
} from "@std/assert";
import {
  conv2d,
  type FeatureMaps,
  maxPool2d,
  predictDeepConvNet,
  relu,
} from "../../../lib/reference/deep_cnn.ts";
import { loadMnistSet } from "../../../lib/mnist/mod.ts";
import {
  deepConvNetToOnnx,
  readNumpyPickle,
} from "../../../lib/convert/mod.ts";
import { argmax, createSession } from "../../../lib/infer/session.ts";
import { pixelsFromFloats } from "../../../lib/input/mod.ts";
import { ortWasm } from "../../../lib/runtime/mod.ts";
import { rows, type Tensor } from "../../../lib/tensor.ts";

const PICKLE = new URL(
  "../../../../shared/weights/deep_convnet_params.pkl",
  import.meta.url,
);

function maps(shape: FeatureMaps["shape"], values: number[]): FeatureMaps {
  return { data: Float64Array.from(values), shape };
}

Deno.test("conv2d() sums each 3×3 neighbourhood with zeros outside when pad is 1", () => {
  const input = maps([1, 3, 3], [1, 2, 3, 4, 5, 6, 7, 8, 9]);
  const W = { data: new Float64Array(9).fill(1), shape: [1, 1, 3, 3] };
  const out = conv2d(input, {
    W,
    b: { data: Float64Array.from([10]), shape: [1] },
    pad: 1,
  });
  assertEquals(out.shape, [1, 3, 3]);
  assertEquals(
    [...out.data],
    [12, 21, 16, 27, 45, 33, 24, 39, 28].map((v) => v + 10),
  );
});

Deno.test("conv2d() cross-correlates (no kernel flip) and grows the maps by 2 when pad is 2", () => {
  // a kernel with one 1 at its top-left picks the pixel up and to the left
  const input = maps([1, 2, 2], [1, 2, 3, 4]);
  const W = {
    data: Float64Array.from([1, 0, 0, 0, 0, 0, 0, 0, 0]),
    shape: [1, 1, 3, 3],
  };
  const out = conv2d(input, {
    W,
    b: { data: Float64Array.from([0]), shape: [1] },
    pad: 2,
  });
  assertEquals(out.shape, [1, 4, 4]);
  // deno-fmt-ignore
  assertEquals([...out.data], [
    0, 0, 0, 0,
    0, 0, 0, 0,
    0, 0, 1, 2,
    0, 0, 3, 4,
  ]);
});

Deno.test("conv2d() adds up the input channels, one bias per output channel", () => {
  const input = maps([2, 1, 1], [3, 5]);
  const W = { data: Float64Array.from([1, 1, 2, -1]), shape: [2, 2, 1, 1] };
  const b = { data: Float64Array.from([0.5, -0.5]), shape: [2] };
  const out = conv2d(input, { W, b, pad: 0 });
  assertEquals(out.shape, [2, 1, 1]);
  assertEquals([...out.data], [8.5, 0.5]);
});

Deno.test("conv2d() refuses weights whose input channels differ from the maps'", () => {
  const W = { data: new Float64Array(18).fill(0), shape: [1, 2, 3, 3] };
  assertThrows(
    () =>
      conv2d(maps([1, 3, 3], new Array(9).fill(0)), {
        W,
        b: { data: Float64Array.from([0]), shape: [1] },
        pad: 1,
      }),
    TypeError,
    "channels do not match",
  );
});

Deno.test("maxPool2d() keeps the largest of each 2×2 block of each channel", () => {
  // deno-fmt-ignore
  const input = maps([2, 2, 4], [
    1, 5, -1, -2,
    3, 2, -3, -4,
    0, 0, 9, 8,
    0, -1, 7, 6,
  ]);
  const out = maxPool2d(input);
  assertEquals(out.shape, [2, 1, 2]);
  assertEquals([...out.data], [5, -1, 0, 9]);
});

Deno.test("maxPool2d() refuses maps of odd size", () => {
  assertThrows(
    () => maxPool2d(maps([1, 3, 3], new Array(9).fill(0))),
    RangeError,
    "must be even",
  );
});

Deno.test("relu() zeroes the negative values in place", () => {
  const input = maps([1, 1, 4], [-2, 0, 3, -0.5]);
  assertEquals([...relu(input).data], [0, 0, 3, 0]);
});

Deno.test("predictDeepConvNet() agrees with onnxruntime-web on 300 test images", async () => {
  const weights = readNumpyPickle(await Deno.readFile(PICKLE));
  const [images, labels] = await loadMnistSet("test") as [
    Tensor,
    Tensor<Uint8Array>,
  ];
  const x = rows(images, 0, 300);
  const reference = predictDeepConvNet(weights, x);
  const session = await createSession({
    name: "deep-cnn",
    model: deepConvNetToOnnx(weights),
    wasm: await ortWasm(),
    imageShape: [1, 28, 28],
  });
  try {
    const { probabilities, digits } = await session.predict(
      pixelsFromFloats(x.data),
    );
    assertEquals(reference.shape, [300, 10]);
    let maxDifference = 0;
    reference.data.forEach((p, i) => {
      maxDifference = Math.max(
        maxDifference,
        Math.abs(p - probabilities.data[i]),
      );
    });
    // float64 reference against float32 weights and sums: ~4e-7 measured
    assertLess(maxDifference, 1e-5);
    assertEquals(argmax(reference), digits);
    // and both are the network the book trained: 98% of these are right
    const correct = digits.filter((d, i) => d === labels.data[i]).length;
    assertLess(290, correct);
    for (let i = 0; i < 300; i++) {
      const row = reference.data.subarray(i * 10, (i + 1) * 10);
      assertAlmostEquals(row.reduce((a, b) => a + b, 0), 1, 1e-6);
    }
  } finally {
    await session.release();
  }
});

Deno.test("predictDeepConvNet() refuses pixels that are not N×784", () => {
  const weights = readNumpyPickle(Deno.readFileSync(PICKLE));
  assertThrows(
    () =>
      predictDeepConvNet(weights, {
        data: new Float32Array(700),
        shape: [1, 700],
      }),
    TypeError,
    "N×784 pixels expected",
  );
});
