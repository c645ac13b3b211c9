/**
 * deno task bench:server: the server's throughput, the cost of each piece of
 * its request path, the batching window, cold start and memory, against a bare
 * Hono route (scripts/bench/hello_server.ts) measured in the same run. Servers run as
 * subprocesses on free localhost ports; wrk drives them, every run bounded in
 * time. Each section prints a Markdown table on stdout (progress on stderr).
 *
 * deno task bench:server [--sections throughput,ablation,window,cold,memory]
 * [--duration 10] [--rounds 3] [--connections 32,64]
 * [--bodies json,bytes,v2-binary] [--windows=-1,0,1,2]
 * [--cold-runs 7] [--memory-requests 100000] [--against ../other-checkout]
 *
 * @module
 */

import { parseArgs } from "node:util";
import {
  hasWrk,
  loadAverage,
  type LoadCase,
  type Measured,
  measureInterleaved,
  type MeasureOptions,
  requestBodies,
  type StartOptions,
} from "./tools.ts";
import { VARIANTS } from "./variants.ts";
import {
  fmt,
  HELLO,
  log,
  MAIN,
  table,
  variant,
  withServers,
} from "./bench_servers.ts";
import { coldStart, memory } from "./server_lifetime.ts";

const figures = (m: Measured) => [
  fmt(m.p50, 2),
  fmt(m.p99, 2),
  String(m.errors),
];

/**
 * (a) the ceiling, (b) our server with batching, (c) without, (d) batched
 * with the networks on the main thread, per body; with `against`, (e) the
 * server of another checkout, batched (`--against DIR`, to compare commits).
 */
async function throughput(
  options: MeasureOptions & { bodies: string[]; against?: string },
) {
  const posts = await requestBodies();
  const servers: Record<string, StartOptions> = {
    ceiling: HELLO,
    batched: MAIN,
    unbatched: { ...MAIN, env: { ...MAIN.env, BATCH_WINDOW_MS: "-1" } },
    // batched, the networks on the event loop's thread instead of a worker
    "main-thread": { ...MAIN, env: { ...MAIN.env, INFER_THREAD: "main" } },
  };
  if (options.against) servers.against = { ...MAIN, root: options.against };
  const [results] = await withServers(servers, posts.json, (up) => {
    const cases: LoadCase[] = [];
    for (const body of options.bodies) {
      for (const name of Object.keys(up)) {
        // the bare route has no V2 protocol; its bytes route is the ceiling
        if (name === "ceiling" && body === "v2-binary") continue;
        cases.push({
          label: `${body} ${name}`,
          server: up[name],
          post: posts[body],
        });
      }
    }
    return measureInterleaved(cases, { ...options, log });
  });
  const rows = results.map((m) => {
    const [body, name] = m.label.split(" ");
    const ceilingBody = body === "v2-binary" ? "bytes" : body;
    const ceiling = results.find((x) =>
      x.label === `${ceilingBody} ceiling` && x.connections === m.connections
    );
    const share = ceiling
      ? `${fmt(100 * m.requestsPerSecond / ceiling.requestsPerSecond, 0)}%`
      : "";
    return [
      body,
      name,
      String(m.connections),
      fmt(m.requestsPerSecond, 0),
      share,
      ...figures(m),
    ];
  });
  table([
    "body",
    "server",
    "connections",
    "requests/s",
    "of ceiling",
    "p50 ms",
    "p99 ms",
    "errors",
  ], rows);
}

/** The bare route plus one piece of the real stack, then the real server. */
async function ablation(options: MeasureOptions) {
  const { json } = await requestBodies();
  const specs: Record<string, StartOptions> = {};
  for (const name of VARIANTS) specs[name] = variant(name);
  specs["main.ts"] = MAIN;
  const [results] = await withServers(specs, json, (up) =>
    measureInterleaved(
      Object.entries(up).map(([label, server]) => ({
        label,
        server,
        post: json,
      })),
      { ...options, log },
    ));
  const rows = results.map((m) => {
    const hello = results.find((x) =>
      x.label === "hello" && x.connections === m.connections
    )!;
    const extra = 1e6 / m.requestsPerSecond - 1e6 / hello.requestsPerSecond;
    return [
      m.label,
      String(m.connections),
      fmt(m.requestsPerSecond, 0),
      `${fmt(100 * m.requestsPerSecond / hello.requestsPerSecond, 0)}%`,
      fmt(extra, 0),
      ...figures(m),
    ];
  });
  table([
    "server (JSON body)",
    "connections",
    "requests/s",
    "of hello",
    "µs per request over hello",
    "p50 ms",
    "p99 ms",
    "errors",
  ], rows);
}

/** The model path alone and the whole server at each BATCH_WINDOW_MS. */
async function windows(options: MeasureOptions & { windows: string[] }) {
  const { json } = await requestBodies();
  const specs: Record<string, StartOptions> = {};
  for (const windowMs of options.windows) {
    specs[`hello+model ${windowMs}`] = variant("hello+model", {
      BATCH_WINDOW_MS: windowMs,
    });
    specs[`main.ts ${windowMs}`] = {
      ...MAIN,
      env: { ...MAIN.env, BATCH_WINDOW_MS: windowMs },
    };
  }
  const [results, stderr] = await withServers(
    specs,
    json,
    (up) =>
      measureInterleaved(
        Object.entries(up).map(([label, server]) => ({
          label,
          server,
          post: json,
        })),
        { ...options, log },
      ),
  );
  const rows = results.map((m) => {
    const stats = stderr[m.label]?.match(/BATCH_STATS (\d+) (\d+)/);
    const batch = stats ? fmt(Number(stats[2]) / Number(stats[1])) : "";
    const [name, windowMs] = m.label.split(" ");
    return [
      name,
      windowMs,
      String(m.connections),
      fmt(m.requestsPerSecond, 0),
      ...figures(m),
      batch,
    ];
  });
  table([
    "server",
    "BATCH_WINDOW_MS",
    "connections",
    "requests/s",
    "p50 ms",
    "p99 ms",
    "errors",
    "mean batch (whole run)",
  ], rows);
}

if (import.meta.main) {
  const { values } = parseArgs({
    args: Deno.args,
    options: {
      sections: {
        type: "string",
        default: "throughput,ablation,window,cold,memory",
      },
      duration: { type: "string", default: "10" },
      rounds: { type: "string", default: "3" },
      connections: { type: "string", default: "32,64" },
      bodies: { type: "string", default: "json,bytes,v2-binary" },
      windows: { type: "string", default: "-1,0,1,2" },
      "cold-runs": { type: "string", default: "7" },
      "memory-requests": { type: "string", default: "100000" },
      against: { type: "string" },
    },
  });
  const sections = values.sections.split(",");
  if (sections.some((s) => s !== "cold") && !await hasWrk()) {
    console.error(
      "wrk is not installed: apt-get install -y wrk (Debian), brew install wrk (macOS)",
    );
    Deno.exit(1);
  }
  const measure: MeasureOptions = {
    connections: values.connections.split(",").map(Number),
    duration: Number(values.duration),
    rounds: Number(values.rounds),
  };
  console.log(
    `deno ${Deno.version.deno}, ${navigator.hardwareConcurrency} cores, load average before: ${await loadAverage()}\n`,
  );
  for (const section of sections) {
    console.log(`### ${section}\n`);
    if (section === "throughput") {
      await throughput({
        ...measure,
        bodies: values.bodies.split(","),
        against: values.against,
      });
    } else if (section === "ablation") {
      // one connection count: the largest
      await ablation({
        ...measure,
        connections: [Math.max(...measure.connections)],
      });
    } else if (section === "window") {
      await windows({ ...measure, windows: values.windows.split(",") });
    } else if (section === "cold") {
      await coldStart(Number(values["cold-runs"]));
    } else if (section === "memory") {
      await memory(Number(values["memory-requests"]));
    } else {
      console.error(`Unknown section ${section}`);
      Deno.exit(2);
    }
  }
  console.log(`load average after: ${await loadAverage()}`);
}
