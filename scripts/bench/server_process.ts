/**
 * The one helper that starts the real server (or a benchmark variant) as a
 * subprocess on a free localhost port, waits until it answers, reads its
 * resident memory and stops it. Benchmarks, the soak and the tests all use it.
 *
 * @module
 */

/** The project's root: servers start there, so `-P=serve` finds deno.json. */
export const ROOT = new URL("../../", import.meta.url);

/** A free TCP port on 127.0.0.1 (free a moment ago). */
export function freePort(): number {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const { port } = listener.addr as Deno.NetAddr;
  listener.close();
  return port;
}

/**
 * The resident set size of a process in MiB: VmRSS of /proc/<pid>/status,
 * read with cat (Deno lets only --allow-all read /proc).
 *
 * @throws {Error} When the process is gone.
 */
export async function rssMiB(pid: number): Promise<number> {
  const { stdout } = await new Deno.Command("cat", {
    args: [`/proc/${pid}/status`],
  }).output();
  const match = new TextDecoder().decode(stdout).match(/^VmRSS:\s+(\d+) kB/m);
  if (!match) throw new Error(`No VmRSS in /proc/${pid}/status`);
  return Number(match[1]) / 1024;
}

/** A server started as a subprocess. */
export interface ServerProcess {
  /** `http://127.0.0.1:<port>` */
  url: string;
  port: number;
  pid: number;
  /** Whether the process is still running. */
  running(): boolean;
  /** The last 64 KiB of what it wrote to stdout and stderr (when captured). */
  log(): string;
  /** Its resident memory now, in MiB. */
  rssMiB(): Promise<number>;
  /** Stops it (SIGTERM), waits for it to exit, and gives back its log. */
  stop(): Promise<string>;
}

/**
 * V8's heap as Deno sizes it on a 512 MB instance, Deno Deploy's memory
 * (under a 512 MB memory cgroup with `DENO_USE_CGROUPS=1`, the heap limit
 * these flags give): sized from this machine's memory, V8 lets garbage grow
 * far past what an instance holds (docs/BENCHMARKS.md, "V8's heap as on the
 * instance"). The soak runs the server so unless told otherwise.
 */
export const INSTANCE_512_MB_FLAGS = [
  "--v8-flags=--max-old-space-size=256,--max-semi-space-size=4",
];

/** Options of {@linkcode startServer}. */
export interface StartOptions {
  /** The script to run, relative to the root; `main.ts` by default. */
  script?: string;
  /** Extra environment variables (PORT is set here; LOG=0 unless given). */
  env?: Record<string, string>;
  /** Extra flags of `deno run`, e.g. `["--inspect=127.0.0.1:9229"]`. */
  flags?: string[];
  /** The path that must answer 200 before this resolves (`/api/health` by default); `null` to not wait. */
  waitFor?: string | null;
  /** How long to wait for it, in milliseconds (60 s by default). */
  timeoutMs?: number;
  /** The deno binary that runs it: this one by default. */
  deno?: string;
  /** The checkout it runs in: this one by default (another, to compare two commits side by side). */
  root?: string;
  /** `"capture"` (default) keeps its output for `log()`; `"inherit"` shows it. */
  output?: "capture" | "inherit";
  /** The CPUs it may run on, as `taskset -c` takes them (e.g. `"0"`); any by default. */
  cpus?: string;
}

const LOG_MAX = 64 * 1024;

/** The command that runs `script` on `port` as `options` say. */
function serverCommand(
  options: StartOptions,
  script: string,
  port: number,
): Deno.Command {
  const deno = options.deno ?? Deno.execPath();
  const args = ["run", "-P=serve", ...options.flags ?? [], script];
  const capture = (options.output ?? "capture") === "capture";
  // taskset execs the server in its own place: the pid is the server's
  return new Deno.Command(options.cpus ? "taskset" : deno, {
    args: options.cpus ? ["-c", options.cpus, deno, ...args] : args,
    cwd: options.root ?? ROOT,
    env: {
      LOG: "0",
      NO_COLOR: "1",
      KV_PATH: ":memory:",
      ...options.env,
      PORT: String(port),
    },
    stdin: "null",
    stdout: capture ? "piped" : "inherit",
    stderr: capture ? "piped" : "inherit",
  });
}

/**
 * Starts `deno run -P=serve <script>` on a free port and waits until
 * `waitFor` answers 200.
 *
 * @throws {Error} When it exits or does not answer in time (with its log).
 */
export async function startServer(
  options: StartOptions = {},
): Promise<ServerProcess> {
  const {
    script = "main.ts",
    waitFor = "/api/health",
    timeoutMs = 60_000,
    output = "capture",
  } = options;
  const port = freePort();
  const capture = output === "capture";
  const child = serverCommand(options, script, port).spawn();
  let log = "";
  const collect = async (stream: ReadableStream<Uint8Array>) => {
    const decoder = new TextDecoder();
    for await (const chunk of stream) {
      log = (log + decoder.decode(chunk, { stream: true })).slice(-LOG_MAX);
    }
  };
  // read the pipes all along, so that a chatty server never blocks on them
  const draining = capture
    ? Promise.all([collect(child.stdout), collect(child.stderr)]).catch(
      () => {},
    )
    : Promise.resolve();
  let exited = false;
  const status = child.status.then((s) => {
    exited = true;
    log += `\n[exited: code ${s.code}, signal ${s.signal}]`;
  });
  let stopping: Promise<string> | undefined;
  const server: ServerProcess = {
    url: `http://127.0.0.1:${port}`,
    port,
    pid: child.pid,
    running: () => !exited,
    log: () => log,
    rssMiB: () => rssMiB(child.pid),
    stop() {
      stopping ??= (async () => {
        if (!exited) {
          try {
            child.kill("SIGTERM");
          } catch { /* already gone */ }
        }
        await status;
        await draining;
        return log;
      })();
      return stopping;
    },
  };
  if (waitFor === null) return server;
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && !exited) {
    const ok = await fetch(server.url + waitFor).then(
      async (r) => (await r.body?.cancel(), r.ok),
      () => false,
    );
    if (ok) return server;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  await server.stop();
  throw new Error(
    `${script} did not answer ${waitFor} on ${server.url} within ${timeoutMs} ms:\n${log}`,
  );
}
