/**
 * The real server (`deno run -P=serve main.ts`) on a free port for the
 * end-to-end tests, through the one helper that the benchmarks use too.
 *
 * @module
 */

import { startServer as start } from "../scripts/bench/server_process.ts";

/** A running server and its base URL. */
export interface RunningServer {
  url: string;
  pid: number;
  /** What it printed (stdout and stderr), for failure messages. */
  log(): string;
  stop(): Promise<void>;
}

/**
 * Starts main.ts and waits (up to `timeoutMs`) until /api/health answers.
 * Readers' drawings are kept in memory unless `env` names a KV_PATH.
 */
export async function startServer(
  env: Record<string, string> = {},
  timeoutMs = 30_000,
): Promise<RunningServer> {
  const server = await start({ env, timeoutMs });
  return {
    url: server.url,
    pid: server.pid,
    log: server.log,
    stop: async () => void await server.stop(),
  };
}
