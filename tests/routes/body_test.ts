/**
 * Tests of `routes/body.ts`.
 *
 * @module
 */

import "../_data.ts"; // the shared decode pool configured for tests
import { assertEquals, assertRejects, assertThrows } from "@std/assert";
import { ClientError, ServerBusy } from "../../lib/errors.ts";
import { sharedDecodePool } from "../../lib/http/mod.ts";
import { MAX_FORM_PARTS } from "../../lib/limits.ts";
import {
  bodyKind,
  checkFormParts,
  decompression,
  formBoundary,
  readBody,
} from "../../routes/body.ts";

async function compressed(text: string, format: "gzip" | "deflate") {
  const stream = new Blob([text]).stream().pipeThrough(
    new CompressionStream(format),
  );
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

function request(body: BodyInit | null, headers: Record<string, string> = {}) {
  return new Request("http://x/", { method: "POST", body, headers });
}

Deno.test("bodyKind() classifies content types once, parameters and case aside", () => {
  const cases: [string | undefined, string | undefined][] = [
    ["application/json", "json"],
    ["Application/JSON; charset=utf-8", "json"],
    ["application/vnd.api+json", "json"],
    ["image/png", "image"],
    ["image/jpeg", "image"],
    ["multipart/form-data; boundary=x", "multipart"],
    ["application/octet-stream", "bytes"],
    ["application/x-www-form-urlencoded", undefined],
    ["text/plain", undefined],
    [undefined, undefined],
  ];
  for (const [type, kind] of cases) assertEquals(bodyKind(type), kind, type);
});

Deno.test("readBody() reads a body and refuses one over its limit, declared or sent", async () => {
  assertEquals(
    await readBody(request("hello"), { limit: 10, what: "body" }),
    new TextEncoder().encode("hello"),
  );
  const declared = await assertRejects(
    () =>
      readBody(request("x".repeat(20), { "content-length": "20" }), {
        limit: 10,
        what: "JSON body",
      }),
    ClientError,
    "The JSON body is over its limit of 10 bytes",
  );
  assertEquals(declared.status, 413);
  const streamed = new ReadableStream({
    pull(controller) {
      controller.enqueue(new Uint8Array(8));
    },
  });
  const sent = await assertRejects(
    () => readBody(request(streamed), { limit: 100, what: "body" }),
    ClientError,
  );
  assertEquals(sent.status, 413);
});

Deno.test("readBody() charges a declared length whole before reading, and the rest as it comes", async () => {
  // a large body (past the one-read size) that arrives in chunks
  const chunks = [new Uint8Array(50_000), new Uint8Array(50_000)];
  const charges: number[] = [];
  let pulled = 0;
  const stream = () =>
    new ReadableStream<Uint8Array>({
      pull(controller) {
        if (pulled < chunks.length) controller.enqueue(chunks[pulled++]);
        else controller.close();
      },
    });
  const bytes = await readBody(
    request(stream(), { "content-length": "100000" }),
    {
      limit: 200_000,
      what: "body",
      onBytes: (n) => charges.push(pulled === 0 ? n : -n),
    },
  );
  assertEquals(bytes.length, 100_000);
  assertEquals(charges, [100_000]); // all of it, before a chunk was read
  // refused whole at once: nothing of the body is read
  pulled = 0;
  await assertRejects(
    () =>
      readBody(request(stream(), { "content-length": "100000" }), {
        limit: 200_000,
        what: "body",
        onBytes: () => {
          throw new ServerBusy("busy");
        },
      }),
    ServerBusy,
    "busy",
  );
  assertEquals(pulled <= 1, true);
  // no declared length: charged as the chunks arrive
  pulled = 0;
  charges.length = 0;
  await readBody(request(stream()), {
    limit: 200_000,
    what: "body",
    onBytes: (n) => charges.push(n),
  });
  assertEquals(charges, [50_000, 50_000]);
});

Deno.test("readBody() decodes gzip and deflate, and counts the decoded bytes against the limit", async () => {
  const text = JSON.stringify({ pixels: new Array(784).fill(0) });
  for (const format of ["gzip", "deflate"] as const) {
    const bytes = await readBody(
      request(await compressed(text, format), { "content-encoding": format }),
      { limit: 10_000, what: "body" },
    );
    assertEquals(new TextDecoder().decode(bytes), text);
  }
  // a bomb: 50 MB of zeros in about 50 KB
  const bomb = await compressed("0".repeat(50_000_000), "gzip");
  const error = await assertRejects(
    () =>
      readBody(request(bomb, { "content-encoding": "gzip" }), {
        limit: 1_000_000,
        what: "body",
      }),
    ClientError,
    "over its limit",
  );
  assertEquals(error.status, 413);
  const broken = await assertRejects(
    () =>
      readBody(request("not gzip", { "content-encoding": "gzip" }), {
        limit: 1000,
        what: "body",
      }),
    ClientError,
    "not valid gzip",
  );
  assertEquals(broken.status, 400);
});

Deno.test("readBody() inflates a compressed body in the decoding worker, not on the event loop", async () => {
  const text = JSON.stringify({
    batch: new Array(50).fill(new Array(784).fill(0.5)),
  });
  const { answered } = sharedDecodePool().stats;
  const charges: number[] = [];
  const body = await compressed(text, "gzip");
  const bytes = await readBody(request(body, { "content-encoding": "gzip" }), {
    limit: 1_000_000,
    what: "body",
    onBytes: (n) => charges.push(n),
  });
  assertEquals(new TextDecoder().decode(bytes), text);
  assertEquals(sharedDecodePool().stats.answered, answered + 1);
  // the compressed bytes as they came, then the inflated ones beyond them
  assertEquals(charges.reduce((sum, n) => sum + n, 0), text.length);
});

Deno.test("decompression() refuses an encoding it does not decode with 415", () => {
  assertEquals(decompression(null), undefined);
  assertEquals(decompression("identity"), undefined);
  assertEquals(decompression("GZIP"), "gzip");
  const error = assertThrows(() => decompression("br"), ClientError, '"br"');
  assertEquals(error.status, 415);
});

Deno.test("readBody() stops reading when its signal aborts", async () => {
  const controller = new AbortController();
  let cancelled = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const endless = new ReadableStream({
    pull: (c) =>
      new Promise<void>((resolve) => {
        timer = setTimeout(() => {
          if (!cancelled) c.enqueue(new Uint8Array(1));
          resolve();
        }, 5);
      }),
    cancel: () => {
      cancelled = true;
      clearTimeout(timer);
    },
  });
  setTimeout(() => controller.abort(new Error("time is up")), 30);
  await assertRejects(
    () =>
      readBody(request(endless), {
        limit: 1000,
        what: "body",
        signal: controller.signal,
      }),
    Error,
    "time is up",
  );
  assertEquals(cancelled, true, "the upload is cancelled, not left running");
});

/** Sends `count` one-byte chunks of a chunked body, one write (and turn) each. */
async function trickle(port: number, count: number): Promise<string> {
  const connection = await Deno.connect({ hostname: "127.0.0.1", port });
  const encoder = new TextEncoder();
  const write = (text: string) => connection.write(encoder.encode(text));
  await write(
    "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n",
  );
  for (let i = 0; i < count; i++) {
    await write("1\r\n \r\n");
    await new Promise((resolve) => setTimeout(resolve, 3));
  }
  await write("0\r\n\r\n");
  const answer = new Uint8Array(200);
  const read = await connection.read(answer) ?? 0;
  connection.close();
  return new TextDecoder().decode(answer.subarray(0, read));
}

Deno.test("readBody() over real HTTP: a body trickled a byte per chunk costs its bytes, not 64 KiB a chunk", async () => {
  // Deno hands each chunk of a request body over in a 64 KiB buffer: keeping
  // the chunks of 16 bodies × 300 one-byte chunks held 301 MiB
  const sizes: number[] = [];
  const server = Deno.serve(
    { hostname: "127.0.0.1", port: 0, onListen() {} },
    async (request) => {
      const bytes = await readBody(request, { limit: 1 << 20, what: "body" });
      sizes.push(bytes.length);
      return new Response(String(bytes.buffer.byteLength));
    },
  );
  // ArrayBuffers' backing stores, counted whole (RSS counts only the pages
  // written, which depends on the allocator's state)
  const external = () => Deno.memoryUsage().external;
  const before = external();
  let peak = before;
  const sampler = setInterval(() => peak = Math.max(peak, external()), 20);
  try {
    const answers = await Promise.all(
      Array.from({ length: 16 }, () => trickle(server.addr.port, 300)),
    );
    for (const answer of answers) {
      // what the body holds in the end: its 300 bytes, in a buffer of at most 16 KiB
      const held = Number(answer.split("\r\n\r\n")[1]);
      assertEquals(held > 0 && held <= 16 * 1024 + 1, true, answer);
    }
  } finally {
    clearInterval(sampler);
    await server.shutdown();
  }
  assertEquals(sizes, Array(16).fill(300));
  const grewMiB = (peak - before) / 2 ** 20;
  assertEquals(
    grewMiB < 16,
    true,
    `reading 16 × 300 bytes held ${grewMiB.toFixed(0)} MiB of buffers`,
  );
});

/** A multipart body as a browser sends it: `fields` empty fields, then the image. */
async function form(fields: number, boundary?: string) {
  const data = new FormData();
  for (let i = 0; i < fields; i++) data.append("a", "");
  data.append("image", new Blob([new Uint8Array([1, 2, 3])]), "digit.png");
  const request = new Request("http://x/", { method: "POST", body: data });
  let contentType = request.headers.get("content-type")!;
  let bytes = new Uint8Array(await request.arrayBuffer());
  if (boundary) {
    // the same form with the boundary given, quoted
    const old = formBoundary(contentType);
    bytes = new TextEncoder().encode(
      new TextDecoder("latin1").decode(bytes).replaceAll(old, boundary),
    );
    contentType = `multipart/form-data; boundary="${boundary}"`;
  }
  return { bytes, contentType };
}

Deno.test("checkFormParts() lets a form of up to MAX_FORM_PARTS parts through", async () => {
  for (const fields of [0, 1, MAX_FORM_PARTS - 1]) {
    const { bytes, contentType } = await form(fields);
    checkFormParts(bytes, contentType);
  }
  const { bytes, contentType } = await form(3, "--a b=c--");
  checkFormParts(bytes, contentType, 4);
  assertThrows(() => checkFormParts(bytes, contentType, 3), ClientError);
});

Deno.test("checkFormParts() refuses 200,000 empty fields with a 413 that says what to send", async () => {
  const field = '--x\r\nContent-Disposition: form-data; name="a"\r\n\r\n\r\n';
  const many = {
    // 9.7 MiB, under the image body's limit
    bytes: new TextEncoder().encode(field.repeat(200_000) + "--x--\r\n"),
    contentType: "multipart/form-data; boundary=x",
  };
  for (const { bytes, contentType } of [await form(MAX_FORM_PARTS), many]) {
    const error = assertThrows(
      () => checkFormParts(bytes, contentType),
      ClientError,
      `more than ${MAX_FORM_PARTS} parts: send the picture alone`,
    );
    assertEquals(error.status, 413);
  }
});

Deno.test("checkFormParts() counts delimiters, not look-alikes: a boundary's prefix, or one without its CRLF", () => {
  const encode = (text: string) => new TextEncoder().encode(text);
  const part = '\r\nContent-Disposition: form-data; name="a"\r\n\r\n';
  // 40 lines that almost hold the boundary "xyz": none is a delimiter
  const body = "--xyz" + part + "x\r\n--xy\r\n--xyZ --xyz".repeat(40) +
    "\r\n--xyz--\r\n";
  checkFormParts(encode(body), "multipart/form-data; boundary=xyz", 1);
  assertThrows(
    () => checkFormParts(encode(body), "multipart/form-data; boundary=xy", 1),
    ClientError,
  );
});

Deno.test("formBoundary() reads the boundary, quoted or not, and refuses a form without one", () => {
  assertEquals(formBoundary("multipart/form-data; boundary=abc"), "abc");
  assertEquals(formBoundary('multipart/form-data; boundary="a;b c"'), "a;b c");
  assertEquals(formBoundary("multipart/form-data;BOUNDARY=x; a=b"), "x");
  for (
    const type of [
      "multipart/form-data",
      `multipart/form-data; boundary=${"x".repeat(71)}`,
    ]
  ) {
    const error = assertThrows(
      () => formBoundary(type),
      ClientError,
      "boundary",
    );
    assertEquals(error.status, 400);
  }
});
