/**
 * The soak's requests: a weighted table of jobs — mostly valid traffic, a
 * steady share of mistakes, and (unless told not to) the hostile mix of
 * bombs, trickling bodies, big images and maximal batches.
 *
 * @module
 */

import { encode as encodePng } from "fast-png";
import { encode as encodeJpeg } from "jpeg-js";
import { iccpChunk, rebuildPng, zlibBomb } from "../../tests/_images.ts";
import {
  drawing,
  gzipBomb,
  heavyPng,
  oneByteChunks,
  progressiveJpeg,
  tricklingBody,
} from "./hostile.ts";

/** One request of the soak, and the kind it is counted under. */
export interface Job {
  kind: string;
  path: string;
  init?: RequestInit;
}

/** Bytes with a buffer of their own, as request bodies want them. */
type Bytes = Uint8Array<ArrayBuffer>;

/** A job's weight in the mix, and how to make one. */
type Entry = [weight: number, job: () => Job];

const INFER = "/v2/models/mlp/infer";

function json(kind: string, path: string, body: unknown): Job {
  return {
    kind,
    path,
    init: {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: typeof body === "string" ? body : JSON.stringify(body),
    },
  };
}

function raw(
  kind: string,
  path: string,
  type: string | undefined,
  body: BodyInit,
): Job {
  const headers: Record<string, string> = type ? { "content-type": type } : {};
  return { kind, path, init: { method: "POST", headers, body } };
}

function pick<T>(items: T[]): T {
  return items[Math.floor(Math.random() * items.length)];
}

/** A digit drawn black on white at `size`×`size`, as a photo or canvas gives it. */
function paperImage(pixels: number[], size: number): Uint8Array {
  const data = new Uint8Array(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const p = pixels[
        Math.floor((y * 28) / size) * 28 +
        Math.floor((x * 28) / size)
      ];
      const grey = 255 - Math.round(p * 255);
      data.set([grey, grey, grey, 255], (y * size + x) * 4);
    }
  }
  return data;
}

/** The pictures of the test digits: PNGs of random sizes, 112² JPEGs. */
function pictures(images: number[][]) {
  const pngs = images.map((pixels) => {
    const size = 28 * (1 + Math.floor(Math.random() * 8));
    const data = paperImage(pixels, size);
    return new Uint8Array(
      encodePng({ width: size, height: size, data, channels: 4, depth: 8 }),
    );
  });
  const jpegs = images.map((pixels) =>
    new Uint8Array(
      encodeJpeg({ width: 112, height: 112, data: paperImage(pixels, 112) }, 85)
        .data,
    )
  );
  return { pngs, jpegs };
}

/** N images as N×784 bytes. */
function imageBytes(images: number[][], n: number): Bytes {
  return Uint8Array.from(
    { length: n * 784 },
    (_, i) =>
      Math.round(images[Math.floor(i / 784) % images.length][i % 784] * 255),
  );
}

/** The valid traffic: JSON in every shape, pictures, bytes, V2, reads. */
function validJobs(
  images: number[][],
  pngs: Bytes[],
  jpegs: Bytes[],
): Entry[] {
  const rows = () =>
    Array.from(
      { length: 28 },
      (_, y) => pick(images).slice(y * 28, y * 28 + 28),
    );
  const batch = (n: number) => Array.from({ length: n }, () => pick(images));
  return [
    [10, () => json("json pixels", "/api/predict", { pixels: pick(images) })],
    [4, () => json("json rows", "/api/predict", { pixels: rows() })],
    [4, () =>
      json("json batch", "/api/predict", {
        batch: batch(1 + Math.floor(Math.random() * 64)),
      })],
    [1, () =>
      json("json batch 1000", "/api/predict", {
        batch: batch(1000).map((image) =>
          image.map((v) => Math.round(v * 255))
        ),
        scale: 255,
      })],
    [5, () => raw("png", "/api/predict", "image/png", pick(pngs))],
    [3, () => raw("jpeg", "/api/predict", "image/jpeg", pick(jpegs))],
    [3, () => {
      const form = new FormData();
      form.append(
        "image",
        new File([pick(pngs)], "digit.png"),
      );
      return {
        kind: "multipart",
        path: "/api/predict",
        init: { method: "POST", body: form },
      };
    }],
    [3, () =>
      raw(
        "octet-stream",
        "/api/predict",
        "application/octet-stream",
        imageBytes(images, 1 + Math.floor(Math.random() * 32)),
      )],
    [5, () =>
      json("kserve infer", INFER, {
        inputs: [{
          name: "pixels",
          shape: [1, 784],
          datatype: "FP32",
          data: pick(images),
        }],
      })],
    [
      6,
      () => ({
        kind: "mnist",
        path: `/api/mnist/${Math.floor(Math.random() * 10_000)}`,
      }),
    ],
    [3, () => ({
      kind: "read-only",
      path: pick([
        "/",
        "/api/health",
        "/api/models",
        "/api/report",
        "/api/openapi.json",
        "/v2/health/live",
        "/v2/models/mlp",
      ]),
    })],
  ];
}

/** A steady share of mistakes: bad JSON, wrong types, broken images, over limits, wrong routes. */
function mistakeJobs(pngs: Bytes[]): Entry[] {
  const deep = "[".repeat(100_000) + "]".repeat(100_000);
  const overJson = " ".repeat(12 * 1024 * 1024 + 1);
  const overBytes = new Uint8Array(1000 * 784 + 1);
  const wrongTypes = [
    { pixels: "seven" },
    { pixels: Array(783).fill(0) },
    { batch: [] },
    { pixels: Array(784).fill(2) },
    { pixels: Array(784).fill(0), batch: [Array(784).fill(0)] },
    { scale: 3 },
    null,
  ];
  const wrongMethods = [
    ["GET", "/api/predict"],
    ["PUT", "/api/predict"],
    ["DELETE", "/api/health"],
    ["GET", INFER],
    ["PATCH", "/api/mnist/3"],
  ];
  return [
    [3, () => json("bad json", "/api/predict", pick(["{", "[1,2", "nul", ""]))],
    [3, () => json("wrong types", "/api/predict", pick(wrongTypes))],
    [
      2,
      () =>
        raw("wrong type", "/api/predict", pick(["text/plain", undefined]), "7"),
    ],
    [2, () =>
      raw(
        "broken image",
        "/api/predict",
        pick(["image/png", "image/jpeg"]),
        pick(pngs).slice(0, 40),
      )],
    [2, () => json("bad kserve", INFER, { inputs: [{ name: "x" }] })],
    [1, () => json("deep json", "/api/predict", deep)],
    [
      1,
      () =>
        raw(
          "over limit",
          "/api/predict",
          "application/octet-stream",
          overBytes,
        ),
    ],
    [0.2, () => json("over limit", "/api/predict", overJson)],
    [2, () => ({ kind: "unknown route", path: `/nope/${Math.random()}` })],
    [2, () => {
      const [method, path] = pick(wrongMethods);
      return { kind: "wrong method", path, init: { method } };
    }],
    [1, () => ({ kind: "mnist", path: "/api/mnist/10000" })],
  ];
}

/** The hostile mix: bombs, trickling bodies, big images, maximal batches. */
async function hostileJobs(images: number[][]): Promise<Entry[]> {
  const bomb = rebuildPng(drawing(), { extra: [iccpChunk(zlibBomb(1024))] });
  const chunky = oneByteChunks(796_000);
  const deep16 = heavyPng(4000);
  const bigJpeg = await progressiveJpeg(4000);
  const gzipped = gzipBomb(64);
  const batch1000 = JSON.stringify({
    batch: Array.from({ length: 1000 }, () => pick(images)),
  });
  // 200,000 empty fields (9.7 MiB), and a 16 MiB body of one image's zeros
  const field = '--x\r\nContent-Disposition: form-data; name="a"\r\n\r\n\r\n';
  const form = new TextEncoder().encode(field.repeat(200_000) + "--x--\r\n");
  const zeros = `{"pixels":[${"0,".repeat((16 * 2 ** 20 - 14) / 2)}0]}`;
  const entries: Entry[] = [
    [
      0.3,
      () =>
        raw(
          "200k-field form",
          "/api/predict",
          "multipart/form-data; boundary=x",
          form,
        ),
    ],
    [0.3, () => json("16 MiB of zeros", "/api/predict", zeros)],
    [0.5, () => raw("iCCP bomb 1 GiB", "/api/predict", "image/png", bomb)],
    [0.3, () => raw("1-byte IDATs", "/api/predict", "image/png", chunky)],
    [0.5, () => raw("16-bit 4000² png", "/api/predict", "image/png", deep16)],
    [0.5, () => ({
      kind: "gzip bomb",
      path: "/api/predict",
      init: {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "content-encoding": "gzip",
        },
        body: gzipped,
      },
    })],
    [0.3, () => ({
      kind: "slow body",
      path: "/api/predict",
      init: {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: tricklingBody(200, 100),
      },
    })],
    [1, () => json("batch 1000 mlp", "/api/predict", batch1000)],
    [1, () => json("batch 1000 cnn", "/api/predict?model=deep-cnn", batch1000)],
  ];
  if (bigJpeg) {
    entries.push([
      0.5,
      () =>
        raw("progressive 4000² jpeg", "/api/predict", "image/jpeg", bigJpeg),
    ]);
  }
  return entries;
}

/** Options of {@linkcode jobsOver}. */
export interface JobOptions {
  /** Whether the mix holds the hostile jobs. */
  hostile: boolean;
  /** Only the kinds of request whose names contain one of these. */
  only?: string[];
}

/**
 * The soak's job maker over some test images (784 values in [0, 1] each):
 * each call gives the next job, drawn by weight.
 *
 * @throws {Error} When `only` leaves no kind of job.
 */
export async function jobsOver(
  images: number[][],
  options: JobOptions,
): Promise<() => Job> {
  const { pngs, jpegs } = pictures(images);
  const table = [...validJobs(images, pngs, jpegs), ...mistakeJobs(pngs)];
  if (options.hostile) table.push(...await hostileJobs(images));
  // only: the entries whose kind (as one job of each shows it) is asked for
  const { only } = options;
  const mix = only
    ? table.filter(([, job]) => only.some((name) => job().kind.includes(name)))
    : table;
  if (mix.length === 0) throw new Error(`--only ${only}: no such kind`);
  const total = mix.reduce((sum, [weight]) => sum + weight, 0);
  return (): Job => {
    let r = Math.random() * total;
    for (const [weight, job] of mix) {
      r -= weight;
      if (r <= 0) return job();
    }
    return mix[0][1]();
  };
}
