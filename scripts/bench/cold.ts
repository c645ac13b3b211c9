/**
 * deno task bench:cold: the server's first moments, as a cold instance meets
 * its first visitor. Each run starts a server and, from the moment it is
 * spawned, asks at once (every 2 ms until answered 200) for the page
 * (`GET /`), `/api/health` and a prediction of test image 11 (JSON): the
 * times to each first 200. The servers take turns run by run — this
 * checkout as built (`deno task build`'s static/precompressed/), a copy of
 * its tracked files without any build output (a fresh clone), and the bare
 * Hono server (scripts/bench/hello_server.ts) — on both cores, then pinned
 * to one (`taskset -c 0`, a small instance's share; this process then keeps
 * to the other core). Each server starts once before its runs, unmeasured
 * (Deno's cache of the copy's compiled modules). Prints medians and ranges.
 *
 *   deno task bench:cold [--runs 7] [--cores 2,1] [--deno PATH] [--against DIR]
 *
 * (`--against DIR`: another checkout's files, not built, take turns too.)
 *
 * @module
 */

import { parseArgs } from "node:util";
import { fmt, HELLO, log, table } from "./bench_servers.ts";
import { run, unbuiltCopy } from "./unbuilt_copy.ts";
import {
  loadAverage,
  median,
  type Post,
  ROOT,
  type StartOptions,
  startServer,
  waitFor200,
} from "./tools.ts";

/** What one run measured: ms from spawn to each first 200. */
interface Times {
  page: number;
  health: number;
  predict: number;
}

const IMAGE_11 = new URL("docs/examples/image-11.json", ROOT);

/** One cold start: the server spawned, then the three first 200s. */
async function coldRun(spec: StartOptions, predict: Post): Promise<Times> {
  const since = performance.now();
  const server = await startServer({ ...spec, waitFor: null });
  try {
    const [page, health, prediction] = await Promise.all([
      waitFor200(`${server.url}/`, undefined, { since }),
      waitFor200(`${server.url}/api/health`, undefined, { since }),
      waitFor200(server.url, predict, { since }),
    ]);
    return { page, health, predict: prediction };
  } finally {
    await server.stop();
  }
}

/** Keeps this process (every thread) to `cpus`. */
async function pinSelf(cpus: string) {
  await run("taskset", ["-a", "-p", "-c", cpus, String(Deno.pid)]);
}

function summary(values: number[]): string {
  return `${fmt(median(values), 0)} (${fmt(Math.min(...values), 0)}–${
    fmt(Math.max(...values), 0)
  })`;
}

if (import.meta.main) {
  const { values } = parseArgs({
    args: Deno.args,
    options: {
      runs: { type: "string", default: "7" },
      cores: { type: "string", default: "2,1" },
      deno: { type: "string" },
      against: { type: "string" },
    },
  });
  const runs = Number(values.runs);
  const deno = values.deno;
  const built = await Deno.stat(
    new URL("static/precompressed/build.json", ROOT),
  ).then(() => true, () => false);
  if (!built) {
    console.error("No build here: run `deno task build` first.");
    Deno.exit(1);
  }
  const copy = await unbuiltCopy();
  // another checkout (an older commit, say), not built either
  const other = values.against
    ? await unbuiltCopy(
      new URL(values.against.replace(/\/?$/, "/"), `file://${Deno.cwd()}/`),
    )
    : undefined;
  const predict: Post = {
    path: "/api/predict",
    contentType: "application/json",
    body: await Deno.readFile(IMAGE_11),
  };
  const servers: Record<string, StartOptions> = {
    "main.ts, built": { script: "main.ts", deno },
    "main.ts, not built": { script: "main.ts", deno, root: copy },
    ...other
      ? {
        [`${values.against}, not built`]: {
          script: "main.ts",
          deno,
          root: other,
        },
      }
      : {},
    "bare Hono": { ...HELLO, deno },
  };
  const cores = values.cores.split(",").map(Number);
  const times = new Map<string, Times[]>();
  const version = (await run(deno ?? Deno.execPath(), ["--version"]))
    .split("\n")[0];
  log(`${version}; load average ${await loadAverage()}; ${runs} runs`);
  try {
    // once each, unmeasured: the copy's modules compiled into Deno's cache
    for (const spec of Object.values(servers)) await coldRun(spec, predict);
    for (let i = 0; i < runs; i++) {
      for (const core of cores) {
        await pinSelf(core === 1 ? "1" : "0,1");
        for (const [name, spec] of Object.entries(servers)) {
          const key = `${name}|${core}`;
          const measured = await coldRun(
            { ...spec, cpus: core === 1 ? "0" : undefined },
            predict,
          );
          times.set(key, [...times.get(key) ?? [], measured]);
          log(
            `run ${i + 1}, ${core} core(s), ${name}: ${
              JSON.stringify(measured, (_, v) =>
                typeof v === "number" ? Math.round(v) : v)
            }`,
          );
        }
      }
    }
  } finally {
    await pinSelf("0,1");
    for (const dir of [copy, other]) {
      if (dir) await Deno.remove(dir, { recursive: true });
    }
  }
  log(`load average ${await loadAverage()}`);
  console.log(`${version}, medians of ${runs} runs (range), ms from spawn`);
  table(
    ["server", "cores", "GET /", "GET /api/health", "first POST /api/predict"],
    [...times].map(([key, list]) => {
      const [name, core] = key.split("|");
      return [
        name,
        core === "1" ? "1 (taskset -c 0)" : "2",
        summary(list.map((t) => t.page)),
        summary(list.map((t) => t.health)),
        summary(list.map((t) => t.predict)),
      ];
    }),
  );
}
