/**
 * What the sections of the server benchmarks share: the servers they start
 * (the bare route, main.ts, the ablation variants), starting and stopping
 * them around a measurement, and printing a Markdown table.
 *
 * @module
 */

import {
  type Post,
  type ServerProcess as Server,
  type StartOptions,
  startServer,
  waitFor200,
} from "./tools.ts";

export const HELLO: StartOptions = { script: "scripts/bench/hello_server.ts" };
/** The production server as `deno task start` runs it, less the rate limit: wrk is one client. */
export const MAIN: StartOptions = {
  script: "main.ts",
  env: { RATE_LIMIT_PER_MINUTE: "0" },
};
export const variant = (name: string, env: Record<string, string> = {}) => ({
  script: "scripts/bench/variants.ts",
  env: { VARIANT: name, ...env },
});

export const log = (line: string) => console.error(line);
export const fmt = (value: number, digits = 1) => value.toFixed(digits);

/**
 * Starts servers, waits until each answers `post`, runs `work`, stops them all.
 *
 * @returns What `work` returns, and each server's captured stderr.
 */
export async function withServers<T>(
  specs: Record<string, StartOptions>,
  post: Post,
  work: (servers: Record<string, Server>) => Promise<T>,
): Promise<[T, Record<string, string>]> {
  const servers: Record<string, Server> = {};
  const stderr: Record<string, string> = {};
  try {
    for (const [name, spec] of Object.entries(specs)) {
      servers[name] = await startServer({ ...spec, waitFor: null });
    }
    for (const server of Object.values(servers)) {
      await waitFor200(server.url, post);
    }
    return [await work(servers), stderr];
  } finally {
    for (const [name, server] of Object.entries(servers)) {
      stderr[name] = await server.stop();
    }
  }
}

/** Prints a Markdown table: the first column as text, the others right-aligned. */
export function table(header: string[], rows: string[][]): void {
  console.log(`| ${header.join(" | ")} |`);
  console.log(`| --- | ${header.slice(1).map(() => "---:").join(" | ")} |`);
  for (const row of rows) console.log(`| ${row.join(" | ")} |`);
  console.log();
}
