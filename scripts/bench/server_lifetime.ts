/**
 * What one server process costs, for deno task bench:server: its cold start
 * (process start → the page, → the first prediction) and its resident
 * memory as requests go by.
 *
 * @module
 */

import { fmt, HELLO, log, MAIN, table, withServers } from "./bench_servers.ts";
import {
  median,
  requestBodies,
  rssMiB,
  runWrk,
  startServer,
  waitFor200,
} from "./tools.ts";

/** Process start → first answer and first prediction, median of `runs`. */
export async function coldStart(runs: number) {
  const { json } = await requestBodies();
  const specs = {
    "hello_server.ts": HELLO,
    "main.ts": MAIN,
    "main.ts, INFER_THREAD=main": {
      ...MAIN,
      env: { ...MAIN.env, INFER_THREAD: "main" },
    },
  };
  const times: Record<string, { page: number[]; predict: number[] }> = {};
  for (const name of Object.keys(specs)) {
    times[name] = { page: [], predict: [] };
  }
  // the servers take turns, run by run, so a change of load hits them alike
  for (let i = 0; i < runs; i++) {
    for (const [name, spec] of Object.entries(specs)) {
      const since = performance.now();
      const server = await startServer({ ...spec, waitFor: null });
      try {
        // two pollers: the first answer of the page (the bare server has
        // no page: its route), and the first prediction
        const [page, prediction] = await Promise.all([
          name === "hello_server.ts"
            ? waitFor200(server.url, json, { since })
            : waitFor200(server.url + "/", undefined, { since }),
          waitFor200(server.url, json, { since }),
        ]);
        times[name].page.push(page);
        times[name].predict.push(prediction);
      } finally {
        await server.stop();
      }
    }
  }
  const rows = Object.entries(times).map(([name, { page, predict }]) => {
    log(`${name}: first prediction ${predict.map((t) => fmt(t, 0))} ms`);
    return [
      name,
      String(runs),
      fmt(median(page), 0),
      fmt(median(predict), 0),
      `${fmt(Math.min(...predict), 0)}–${fmt(Math.max(...predict), 0)}`,
    ];
  });
  table([
    "server (deno run -P=serve)",
    "runs",
    "page's HTML, median ms",
    "first prediction, median ms",
    "first prediction, range ms",
  ], rows);
}

/** RSS after start, then after each `requests` more requests (5 s wrk runs). */
export async function memory(requests: number) {
  const { json } = await requestBodies();
  await withServers({ "main.ts": MAIN }, json, async (up) => {
    const server = up["main.ts"];
    const rows = [["ready, after 1 prediction", fmt(await rssMiB(server.pid))]];
    let total = 0;
    let errors = 0;
    const at: number[] = [];
    // RSS after the first tenth of the requests and after all of them: the
    // second within 10% of the first means no memory kept per request
    for (const checkpoint of [requests / 10, requests]) {
      // wrk runs for a time, not a count: add 5 s runs until past the count
      for (let runs = 0; total < checkpoint && runs < 200; runs++) {
        const r = await runWrk({
          url: server.url,
          post: json,
          connections: 32,
          duration: 5,
        });
        total += r.requests;
        errors += r.errors;
      }
      log(`memory: ${total} requests, ${errors} errors`);
      at.push(await rssMiB(server.pid));
      rows.push([
        `after ${total} requests (${errors} errors)`,
        fmt(at.at(-1)!),
      ]);
    }
    rows.push([
      "last / first checkpoint",
      `${fmt(100 * at[1] / at[0], 0)}%`,
    ]);
    table(["moment (main.ts, JSON, 32 connections)", "VmRSS MiB"], rows);
  });
}
