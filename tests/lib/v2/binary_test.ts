/**
 * Tests of `lib/v2/binary.ts`.
 *
 * @module
 */

import { assertEquals, assertThrows } from "@std/assert";
import { ClientError } from "../../../lib/errors.ts";
import {
  encodeBinaryResponse,
  fp32FromBytes,
  fp32ToBytes,
  splitBinaryRequest,
  wantsBinary,
} from "../../../lib/v2/binary.ts";

const encoder = new TextEncoder();

/** A body as Triton's client sends it: JSON, then the tensors' bytes. */
function body(header: unknown, ...tensors: number[][]): [Uint8Array, number] {
  const json = encoder.encode(JSON.stringify(header));
  const bytes = tensors.map((t) => fp32ToBytes(new Float32Array(t)));
  const { body } = encodeBinaryResponse(header, bytes);
  return [body, json.length];
}

Deno.test("splitBinaryRequest() gives each binary input its bytes, in input order", () => {
  const header = {
    inputs: [
      { name: "a", parameters: { binary_data_size: 8 } },
      { name: "json", data: [1] },
      { name: "b", parameters: { binary_data_size: 4 } },
    ],
  };
  const [bytes, length] = body(header, [0.5, 1], [0.25]);
  const { header: parsed, inputs } = splitBinaryRequest(bytes, length);
  assertEquals(parsed, header);
  assertEquals(inputs.length, 3);
  assertEquals(Array.from(fp32FromBytes(inputs[0]!)), [0.5, 1]);
  assertEquals(inputs[1], undefined);
  assertEquals(Array.from(fp32FromBytes(inputs[2]!)), [0.25]);
});

Deno.test("splitBinaryRequest() without a header length reads the whole body as JSON", () => {
  const header = { inputs: [{ name: "x", data: [0, 1] }] };
  const { header: parsed, inputs } = splitBinaryRequest(
    encoder.encode(JSON.stringify(header)),
  );
  assertEquals(parsed, header);
  assertEquals(inputs, [undefined]);
});

Deno.test("splitBinaryRequest() refuses bodies whose sizes do not add up", () => {
  const sized = (size: unknown) => ({
    inputs: [{ name: "x", parameters: { binary_data_size: size } }],
  });
  const [eight, length] = body(sized(8), [1, 2]);
  const errorCases: [
    Uint8Array,
    number | undefined,
    typeof ClientError,
    string,
  ][] = [
    // the binary part is shorter than declared
    [eight.subarray(0, eight.length - 1), length, ClientError, "runs past"],
    // bytes left over
    [
      body(sized(4), [1, 2])[0],
      body(sized(4), [1, 2])[1],
      ClientError,
      "4 bytes",
    ],
    // binary data declared without the header length
    [
      body(sized(8))[0],
      undefined,
      ClientError,
      "Inference-Header-Content-Length",
    ],
    [eight, eight.length + 1, ClientError, "within the body"],
    [eight, length - 1, ClientError, "Invalid JSON"],
    [encoder.encode("{nope"), undefined, ClientError, "Invalid JSON"],
    [body(sized(-4))[0], body(sized(-4))[1], ClientError, "whole number"],
    [body(sized("8"))[0], body(sized("8"))[1], ClientError, "whole number"],
    [
      ...body({ inputs: [{ parameters: 3 }] }),
      ClientError,
      '"parameters" must be an object',
    ],
  ];
  for (const [bytes, headerLength, ErrorClass, message] of errorCases) {
    assertThrows(
      () => splitBinaryRequest(bytes, headerLength),
      ErrorClass,
      message,
    );
  }
});

Deno.test("fp32FromBytes() reads little-endian floats, fp32ToBytes() writes them", () => {
  // 1.0 is 0x3f800000, so little-endian 00 00 80 3f
  const one = new Uint8Array([0, 0, 0x80, 0x3f]);
  assertEquals(Array.from(fp32FromBytes(one)), [1]);
  assertEquals(fp32ToBytes(new Float32Array([1])), one);
  const values = new Float32Array([0, 0.1, 1, -2.5, 3e-8]);
  assertEquals(fp32FromBytes(fp32ToBytes(values)), values);
  // an unaligned view reads the same
  const padded = new Uint8Array(5);
  padded.set(one, 1);
  assertEquals(Array.from(fp32FromBytes(padded.subarray(1))), [1]);
  assertThrows(
    () => fp32FromBytes(new Uint8Array(6)),
    ClientError,
    "multiple of 4",
  );
});

Deno.test("wantsBinary() takes the output's binary_data over the request's binary_data_output", () => {
  const all = { parameters: { binary_data_output: true } };
  const cases: [unknown, unknown, boolean][] = [
    [{}, undefined, false],
    [all, undefined, true],
    [all, { name: "y" }, true],
    [all, { name: "y", parameters: { binary_data: false } }, false],
    [{}, { name: "y", parameters: { binary_data: true } }, true],
    [{ parameters: { binary_data_output: "yes" } }, undefined, false],
    [null, null, false],
  ];
  for (const [request, output, expected] of cases) {
    assertEquals(wantsBinary(request, output), expected);
  }
});

Deno.test("encodeBinaryResponse() puts the JSON header first and the tensors after it, in order", () => {
  const header = {
    outputs: [{ name: "y", parameters: { binary_data_size: 3 } }],
  };
  const { body, headerLength } = encodeBinaryResponse(header, [
    new Uint8Array([1, 2]),
    new Uint8Array([3]),
  ]);
  const json = new TextDecoder().decode(body.subarray(0, headerLength));
  assertEquals(JSON.parse(json), header);
  assertEquals(Array.from(body.subarray(headerLength)), [1, 2, 3]);
});
