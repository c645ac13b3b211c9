// Starts the real server (`deno run -P=serve main.ts`) on a free port for the
// end-to-end and browser tests, and stops it.

/** A running server process and its base URL. */
export interface RunningServer {
  url: string;
  process: Deno.ChildProcess;
  stop(): Promise<void>;
}

/** A port that was free a moment ago. */
export function freePort(): number {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const { port } = listener.addr as Deno.NetAddr;
  listener.close();
  return port;
}

/**
 * Starts main.ts and waits (up to `timeoutMs`) until /api/health answers.
 * Readers' drawings are kept in memory unless `env` names a KV_PATH.
 */
export async function startServer(
  env: Record<string, string> = {},
  timeoutMs = 20_000,
): Promise<RunningServer> {
  const port = freePort();
  const process = new Deno.Command(Deno.execPath(), {
    args: ["run", "-P=serve", "main.ts"],
    cwd: new URL("..", import.meta.url).pathname,
    env: { PORT: String(port), LOG: "0", KV_PATH: ":memory:", ...env },
    stdout: "null",
    stderr: "inherit",
  }).spawn();
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    try {
      process.kill("SIGTERM");
    } catch { /* already gone */ }
    await process.status;
  };
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(`${url}/api/health`);
      await response.body?.cancel();
      if (response.ok) return { url, process, stop };
    } catch { /* not listening yet */ }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  await stop();
  throw new Error(`The server did not answer on ${url} within ${timeoutMs} ms`);
}
