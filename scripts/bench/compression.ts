/**
 * deno task bench:compression: what Deno.serve's `automaticCompression` (as
 * main.ts serves) saves and costs against no compression, on the same
 * answers (a 1000-image batch, one image, one image with its activations, an
 * error): the bytes on the wire for a browser's Accept-Encoding and for gzip
 * alone (curl, not decoded), then requests/s of the two servers taken in turn
 * (wrk, interleaved rounds). Round 9 of docs/BENCHMARKS.md ran it, at the
 * commit that had it, against the app's own compression middleware too.
 *
 * deno task bench:compression [--duration 10] [--rounds 3] [--connections 32]
 * [--deno PATH] (the servers run on another Deno binary, e.g. Deno Deploy's
 * 2.5.7, which always compresses; the binary itself, not an npm wrapper,
 * which would not pass SIGTERM on)
 * (the batch at 2 connections)
 *
 * @module
 */

import { parseArgs } from "node:util";
import { testImages } from "../../lib/mnist/embedded.ts";
import {
  hasWrk,
  loadAverage,
  measureInterleaved,
  type Post,
  requestBodies,
  type ServerProcess,
  startServer,
  waitFor200,
} from "./tools.ts";

/** The servers compared: scripts/bench/variants.ts's whole-app variants. */
const SERVERS = {
  "deno.serve": "app+deno-compress",
  none: "app+no-compress",
} as const;

/** What browsers send; Deno.serve and the middleware each pick from it. */
const BROWSER = "gzip, deflate, br, zstd";

const log = (line: string) => console.error(line);
const fmt = (value: number, digits = 0) => value.toFixed(digits);

/** The answers compared, as requests. */
async function answers(): Promise<Record<string, Post>> {
  const { images } = await testImages();
  const { json } = await requestBodies();
  const post = (path: string, contentType: string, body: Uint8Array) => ({
    path,
    contentType,
    body: body.slice() as Uint8Array<ArrayBuffer>,
  });
  return {
    "batch of 1000": post(
      "/api/predict",
      "application/octet-stream",
      images.data.subarray(0, 1000 * 784),
    ),
    "one image": json,
    "one image, activations": {
      ...json,
      path: "/api/predict?activations=true",
    },
    "error (400)": post(
      "/api/predict",
      "application/json",
      new TextEncoder().encode("{"),
    ),
  };
}

/** Status, Content-Encoding and body bytes as sent (curl, not decoded). */
async function onTheWire(
  url: string,
  post: Post,
  acceptEncoding: string,
): Promise<{ status: string; encoding: string; bytes: number }> {
  const file = await Deno.makeTempFile();
  try {
    await Deno.writeFile(file, post.body);
    const { stdout } = await new Deno.Command("curl", {
      args: [
        "-s",
        "-o",
        "/dev/null",
        "-D",
        "-",
        "-w",
        "CURL %{http_code} %{size_download}\n",
        "-H",
        `content-type: ${post.contentType}`,
        "-H",
        `accept-encoding: ${acceptEncoding}`,
        "--data-binary",
        `@${file}`,
        url + post.path,
      ],
    }).output();
    const text = new TextDecoder().decode(stdout);
    const encoding = /^content-encoding: *(\S+)/im.exec(text)?.[1] ?? "none";
    const [, status, bytes] = /^CURL (\d+) (\d+)/m.exec(text) ?? [];
    return { status, encoding, bytes: Number(bytes) };
  } finally {
    await Deno.remove(file);
  }
}

/** The bytes table: every answer from every server, for two Accept-Encodings. */
async function sizes(
  servers: Record<string, ServerProcess>,
  posts: Record<string, Post>,
): Promise<void> {
  console.log(
    "| answer | Accept-Encoding | server | status | encoding | bytes | of none |",
  );
  console.log("| --- | --- | --- | ---: | --- | ---: | ---: |");
  for (const [answer, post] of Object.entries(posts)) {
    for (const accept of [BROWSER, "gzip"]) {
      const none = await onTheWire(servers.none.url, post, accept);
      for (const [name, server] of Object.entries(servers)) {
        const wire = await onTheWire(server.url, post, accept);
        const share = `${fmt((100 * wire.bytes) / none.bytes, 1)}%`;
        console.log(
          `| ${answer} | ${accept} | ${name} | ${wire.status} | ${wire.encoding} | ${wire.bytes} | ${share} |`,
        );
      }
    }
  }
  console.log();
}

/** Requests/s of every answer on every server, interleaved. */
async function throughput(
  servers: Record<string, ServerProcess>,
  posts: Record<string, Post>,
  options: { duration: number; rounds: number; connections: number },
): Promise<void> {
  const results = [];
  for (const [answer, post] of Object.entries(posts)) {
    const cases = Object.entries(servers).map(([name, server]) => ({
      label: `${answer}\t${name}`,
      server,
      post: { ...post, headers: { "accept-encoding": BROWSER } },
    }));
    // a batch of 1000 is several MB of work: few at a time, so that none is
    // refused at the memory budget or the work clock
    const connections = [post.body.length > 100_000 ? 2 : options.connections];
    results.push(
      ...await measureInterleaved(cases, { ...options, connections, log }),
    );
  }
  console.log(
    "| answer | server | connections | requests/s | of none | p50 ms | p99 ms | errors |",
  );
  console.log("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |");
  for (const m of results) {
    const [answer, name] = m.label.split("\t");
    const none = results.find((x) =>
      x.label === `${answer}\tnone` && x.connections === m.connections
    )!;
    const share = fmt((100 * m.requestsPerSecond) / none.requestsPerSecond);
    // wrk counts every non-2xx as an error: the error answer's are expected
    console.log(
      `| ${answer} | ${name} | ${m.connections} | ${
        fmt(m.requestsPerSecond)
      } | ${share}% | ${fmt(m.p50, 2)} | ${fmt(m.p99, 2)} | ${m.errors} |`,
    );
  }
  console.log();
}

if (import.meta.main) {
  const { values } = parseArgs({
    args: Deno.args,
    options: {
      duration: { type: "string", default: "10" },
      rounds: { type: "string", default: "3" },
      connections: { type: "string", default: "32" },
      deno: { type: "string" },
    },
  });
  if (!await hasWrk()) throw new Error("wrk is not on the PATH");
  const posts = await answers();
  const servers: Record<string, ServerProcess> = {};
  try {
    for (const [name, variant] of Object.entries(SERVERS)) {
      servers[name] = await startServer({
        script: "scripts/bench/variants.ts",
        env: { VARIANT: variant, DENO_TLS_CA_STORE: "system" },
        deno: values.deno,
        waitFor: null,
      });
    }
    for (const server of Object.values(servers)) {
      await waitFor200(server.url, posts["one image"]);
    }
    const version = values.deno
      ? new TextDecoder().decode(
        (await new Deno.Command(values.deno, { args: ["--version"] }).output())
          .stdout,
      ).split("\n")[0]
      : `deno ${Deno.version.deno}`;
    console.log(`servers on ${version}, load average ${await loadAverage()}\n`);
    await sizes(servers, posts);
    await throughput(servers, posts, {
      duration: Number(values.duration),
      rounds: Number(values.rounds),
      connections: Number(values.connections),
    });
  } finally {
    for (const server of Object.values(servers)) await server.stop();
  }
}
