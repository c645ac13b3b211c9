/**
 * What the server benchmarks share: servers started as subprocesses on free
 * localhost ports (./server_process.ts, which the tests use too), wrk driven
 * with a Lua script for the POST body, and small statistics. Every load is
 * bounded in time or count.
 *
 * @module
 */

import { toJsonNumbers } from "../../lib/infer/mod.ts";
import { testImages } from "../../lib/mnist/mod.ts";
import { encodeBinaryResponse, fp32ToBytes } from "../../lib/v2/mod.ts";
import { row, unitFromBytes } from "../../lib/tensor.ts";
import type { ServerProcess } from "./server_process.ts";

export {
  freePort,
  ROOT,
  rssMiB,
  type ServerProcess,
  type StartOptions,
  startServer,
} from "./server_process.ts";

/** A POST request to replay: path, content type, body and extra headers. */
export interface Post {
  path: string;
  contentType: string;
  body: Uint8Array<ArrayBuffer>;
  headers?: Record<string, string>;
}

/**
 * `post` as a Request to this app in the process (`app.fetch`, no socket),
 * with the Content-Length a client over HTTP sends.
 */
export function postRequest(post: Post): Request {
  return new Request(`http://localhost${post.path}`, {
    method: "POST",
    headers: {
      "content-type": post.contentType,
      "content-length": String(post.body.length),
      ...post.headers,
    },
    body: post.body,
  });
}

/**
 * POSTs until the answer is a 200, retrying while the server is not yet
 * listening.
 *
 * @returns Milliseconds from `since` (a `performance.now()`) to that answer.
 * @throws {Error} After `timeoutMs` without a 200.
 */
export async function waitFor200(
  url: string,
  post: Post | undefined,
  options: { since?: number; timeoutMs?: number } = {},
): Promise<number> {
  const { since = performance.now(), timeoutMs = 60_000 } = options;
  let last = "no answer";
  while (performance.now() - since < timeoutMs) {
    try {
      const response = await fetch(
        url + (post?.path ?? ""),
        post
          ? {
            method: "POST",
            headers: { "content-type": post.contentType, ...post.headers },
            body: post.body,
          }
          : {},
      );
      const text = await response.text();
      if (response.status === 200) return performance.now() - since;
      last = `${response.status} ${text.slice(0, 200)}`;
    } catch (error) {
      last = (error as Error).message;
    }
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
  throw new Error(`No 200 from ${url} within ${timeoutMs} ms: ${last}`);
}

/** What one wrk run measured. */
export interface LoadResult {
  requests: number;
  seconds: number;
  requestsPerSecond: number;
  /** Latency percentiles in milliseconds. */
  p50: number;
  p99: number;
  /** Socket errors (connect, read, write, timeout) and non-2xx answers. */
  errors: number;
}

/** Options of {@linkcode runWrk}. */
export interface WrkOptions {
  url: string;
  post: Post;
  connections: number;
  /** Seconds; the run's bound in time. */
  duration: number;
  threads?: number;
}

/** Whether wrk is on the PATH. */
export async function hasWrk(): Promise<boolean> {
  try {
    // wrk --version prints its usage and exits 1: that it runs is enough
    await new Deno.Command("wrk", {
      args: ["--version"],
      stdout: "null",
      stderr: "null",
    }).output();
    return true;
  } catch {
    return false;
  }
}

/** Writes bytes as a Lua string literal (decimal escapes, 8-bit clean). */
function luaString(bytes: Uint8Array): string {
  let out = '"';
  for (const byte of bytes) {
    if (byte >= 32 && byte < 127 && byte !== 34 && byte !== 92) {
      out += String.fromCharCode(byte);
    } else {
      // always 3 digits: byte 1 before a "2" would otherwise read as \12
      out += `\\${String(byte).padStart(3, "0")}`;
    }
  }
  return out + '"';
}

/** The Lua script that makes wrk replay one POST and report as JSON. */
export function wrkScript(post: Post): string {
  const headers = { "Content-Type": post.contentType, ...post.headers };
  const lines = [
    'wrk.method = "POST"',
    `wrk.body = ${luaString(post.body)}`,
    ...Object.entries(headers).map(([name, value]) =>
      `wrk.headers[${JSON.stringify(name)}] = ${JSON.stringify(value)}`
    ),
  ];
  lines.push(
    "function done(summary, latency, requests)",
    "  local e = summary.errors",
    '  io.write(string.format("WRK_JSON {\\"requests\\":%d,\\"duration\\":%d,' +
      '\\"errors\\":%d,\\"p50\\":%d,\\"p99\\":%d}\\n", summary.requests,' +
      " summary.duration, e.connect + e.read + e.write + e.status + e.timeout," +
      " latency:percentile(50), latency:percentile(99)))",
    "end",
  );
  return lines.join("\n") + "\n";
}

/**
 * Drives a server with wrk for `duration` seconds.
 *
 * @throws {Error} When wrk is missing or prints no summary.
 */
export async function runWrk(options: WrkOptions): Promise<LoadResult> {
  const { url, post, connections, duration, threads = 2 } = options;
  const script = await Deno.makeTempFile({ suffix: ".lua" });
  try {
    await Deno.writeTextFile(script, wrkScript(post));
    const args = [
      `-t${threads}`,
      `-c${connections}`,
      `-d${duration}s`,
      "--timeout",
      "10s",
      "-s",
      script,
      url + post.path,
    ];
    const output = await new Deno.Command("wrk", { args, stderr: "inherit" })
      .output();
    const text = new TextDecoder().decode(output.stdout);
    const line = text.split("\n").find((l) => l.startsWith("WRK_JSON "));
    if (!line) throw new Error(`wrk printed no summary:\n${text}`);
    const raw = JSON.parse(line.slice("WRK_JSON ".length));
    const seconds = raw.duration / 1e6;
    return {
      requests: raw.requests,
      seconds,
      requestsPerSecond: raw.requests / seconds,
      p50: raw.p50 / 1000,
      p99: raw.p99 / 1000,
      errors: raw.errors,
    };
  } finally {
    await Deno.remove(script);
  }
}

/** One load to measure: a label, the server it goes to and its request. */
export interface LoadCase {
  label: string;
  server: ServerProcess;
  post: Post;
}

/** The medians of a case's rounds at one connection count. */
export interface Measured extends LoadResult {
  label: string;
  connections: number;
  rounds: number;
}

/** Options of {@linkcode measureInterleaved}. */
export interface MeasureOptions {
  connections: number[];
  /** Seconds of each wrk run. */
  duration: number;
  /** Runs of each case at each connection count; the medians are kept. */
  rounds: number;
  /** Progress lines. */
  log?: (line: string) => void;
}

/**
 * Measures every case at every connection count, `rounds` times, taking the
 * cases in turn within each round so that a drift of the machine (2 shared
 * cores) spreads over all of them; keeps the median of each figure.
 * Each case is warmed up first (2 s at 32 connections).
 */
export async function measureInterleaved(
  cases: LoadCase[],
  options: MeasureOptions,
): Promise<Measured[]> {
  const { connections, duration, rounds, log = () => {} } = options;
  for (const { label, server, post } of cases) {
    log(`warm-up ${label}`);
    await runWrk({ url: server.url, post, connections: 32, duration: 2 });
  }
  const runs = new Map<string, LoadResult[]>();
  for (let round = 1; round <= rounds; round++) {
    for (const c of connections) {
      for (const { label, server, post } of cases) {
        log(`round ${round}/${rounds}: ${label}, ${c} connections`);
        const result = await runWrk({
          url: server.url,
          post,
          connections: c,
          duration,
        });
        const key = `${label}\n${c}`;
        runs.set(key, [...runs.get(key) ?? [], result]);
      }
    }
  }
  return [...runs].map(([key, results]) => {
    const [label, c] = key.split("\n");
    const sum = (pick: (r: LoadResult) => number) =>
      results.reduce((total, r) => total + pick(r), 0);
    return {
      label,
      connections: Number(c),
      rounds: results.length,
      requests: sum((r) => r.requests),
      seconds: sum((r) => r.seconds),
      requestsPerSecond: median(results.map((r) => r.requestsPerSecond)),
      p50: median(results.map((r) => r.p50)),
      p99: median(results.map((r) => r.p99)),
      errors: sum((r) => r.errors),
    };
  });
}

/** The 1, 5 and 15 minute load averages, from /proc/loadavg (via cat). */
export async function loadAverage(): Promise<string> {
  try {
    const { stdout } = await new Deno.Command("cat", {
      args: ["/proc/loadavg"],
    })
      .output();
    return new TextDecoder().decode(stdout).split(" ").slice(0, 3).join(" ");
  } catch {
    return "unknown";
  }
}

/** The median of some numbers. */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2
    ? sorted[middle]
    : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** The request bodies of the benchmarks (single-image JSON, raw bytes, V2 binary), all of test image 0. */
export async function requestBodies(): Promise<Record<string, Post>> {
  const { images } = await testImages();
  const bytes = row(images, 0).slice();
  const pixels = unitFromBytes(bytes);
  const v2 = encodeBinaryResponse({
    inputs: [{
      name: "pixels",
      shape: [1, 784],
      datatype: "FP32",
      parameters: { binary_data_size: 784 * 4 },
    }],
    outputs: [{ name: "probabilities", parameters: { binary_data: true } }],
  }, [fp32ToBytes(pixels)]);
  return {
    json: {
      path: "/api/predict",
      contentType: "application/json",
      body: new TextEncoder().encode(
        JSON.stringify({ pixels: toJsonNumbers(pixels) }),
      ),
    },
    bytes: {
      path: "/api/predict",
      contentType: "application/octet-stream",
      body: bytes,
    },
    "v2-binary": {
      path: "/v2/models/mlp/infer",
      contentType: "application/octet-stream",
      body: v2.body,
      headers: { "Inference-Header-Content-Length": String(v2.headerLength) },
    },
  };
}
