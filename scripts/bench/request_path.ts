/**
 * deno task request-path: which project files one request really runs, in
 * every thread. The server starts under the inspector; V8's precise coverage
 * is switched on in the event loop's isolate and in each worker (through the
 * NodeWorker domain), reset after two warm requests, and read after each of
 * three more: a file counts when one of its functions ran for each of them
 * and does not also run with no request at all (a module that only
 * re-exports does not count, nor the server's own timers). docs/ARCHITECTURE.md lists the paths it prints.
 *
 *   deno task request-path            # json, png, multipart and bytes
 *   deno task request-path json png   # some of them
 *
 * @module
 */

import { freePort, ROOT } from "./server_process.ts";

const EXAMPLES = new URL("docs/examples/", ROOT);

/** The requests whose paths are traced, by name. */
export const REQUESTS: Record<string, () => RequestInit> = {
  json: () => ({
    method: "POST",
    headers: { "content-type": "application/json" },
    body: Deno.readTextFileSync(new URL("image-11.json", EXAMPLES)),
  }),
  png: () => ({
    method: "POST",
    headers: { "content-type": "image/png" },
    body: Deno.readFileSync(new URL("seven.png", EXAMPLES)),
  }),
  multipart: () => {
    const form = new FormData();
    const png = Deno.readFileSync(new URL("seven.png", EXAMPLES));
    form.append("image", new Blob([png], { type: "image/png" }), "seven.png");
    return { method: "POST", body: form };
  },
};

// deno-lint-ignore no-explicit-any
type Message = any;

/** One inspector connection, with the sessions of the workers it attached. */
class Inspector {
  #socket: WebSocket;
  #next = 0;
  #pending = new Map<number, (message: Message) => void>();
  /** `undefined` is the event loop's own isolate. */
  sessions = new Set<string | undefined>([undefined]);

  constructor(socket: WebSocket) {
    this.#socket = socket;
    socket.onmessage = (event) => this.#receive(JSON.parse(event.data));
  }

  static async connect(port: number): Promise<Inspector> {
    for (let tries = 0;; tries++) {
      try {
        const targets = await (await fetch(`http://127.0.0.1:${port}/json`))
          .json();
        if (targets.length) {
          const socket = new WebSocket(targets[0].webSocketDebuggerUrl);
          await new Promise((resolve) => socket.onopen = resolve);
          return new Inspector(socket);
        }
      } catch {
        if (tries > 400) throw new Error("The inspector never answered");
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  send(method: string, params = {}, session?: string): Promise<Message> {
    const id = ++this.#next;
    const message = JSON.stringify({ id, method, params });
    const answer = new Promise<Message>((r) => this.#pending.set(id, r));
    if (session === undefined) this.#socket.send(message);
    else {
      this.#socket.send(JSON.stringify({
        id: ++this.#next,
        method: "NodeWorker.sendMessageToWorker",
        params: { sessionId: session, message },
      }));
    }
    return answer;
  }

  async startCoverage(session?: string) {
    await this.send("Profiler.enable", {}, session);
    await this.send(
      "Profiler.startPreciseCoverage",
      { callCount: true },
      session,
    );
  }

  #receive(message: Message) {
    if (message.method === "NodeWorker.receivedMessageFromWorker") {
      this.#receive(JSON.parse(message.params.message));
    } else if (message.method === "NodeWorker.attachedToWorker") {
      this.sessions.add(message.params.sessionId);
      this.startCoverage(message.params.sessionId);
    } else if (this.#pending.has(message.id)) {
      this.#pending.get(message.id)!(message);
      this.#pending.delete(message.id);
    }
  }

  close() {
    this.#socket.close();
  }
}

/**
 * The project files (relative to the root) whose functions ran since the last
 * call, each with the functions that ran (name and offset).
 */
async function functionsRun(
  inspector: Inspector,
): Promise<Map<string, Set<string>>> {
  const root = ROOT.href;
  const files = new Map<string, Set<string>>();
  for (const session of inspector.sessions) {
    const coverage = await inspector.send(
      "Profiler.takePreciseCoverage",
      {},
      session,
    );
    for (const script of coverage.result?.result ?? []) {
      const url: string = script.url;
      if (!url.startsWith(root) || url.includes("/node_modules/")) continue;
      const file = url.slice(root.length);
      for (const f of script.functions) {
        if (f.ranges[0].count === 0) continue;
        const ran = files.get(file) ?? new Set<string>();
        ran.add(`${f.functionName}@${f.ranges[0].startOffset}`);
        files.set(file, ran);
      }
    }
  }
  return files;
}

/** The files of `run` with a function that did not also run in `idle`. */
function beyond(
  run: Map<string, Set<string>>,
  idle: Map<string, Set<string>>,
): Set<string> {
  const files = new Set<string>();
  for (const [file, functions] of run) {
    const background = idle.get(file);
    if ([...functions].some((f) => !background?.has(f))) files.add(file);
  }
  return files;
}

/** Starts the server under the inspector and traces each request named. */
export async function tracePaths(
  names: string[],
): Promise<Map<string, string[]>> {
  const [port, inspectPort] = [freePort(), freePort()];
  const server = new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", `--inspect=127.0.0.1:${inspectPort}`, "main.ts"],
    cwd: ROOT,
    env: { PORT: String(port), LOG: "0" },
    stdout: "null",
    stderr: "null",
  }).spawn();
  const inspector = await Inspector.connect(inspectPort);
  try {
    await inspector.startCoverage();
    await inspector.send("NodeWorker.enable", {
      waitForDebuggerOnStart: false,
    });
    await ready(`http://127.0.0.1:${port}`);
    const paths = new Map<string, string[]>();
    for (const name of names) {
      const send = async () => {
        const url = `http://127.0.0.1:${port}/api/predict`;
        const response = await fetch(url, REQUESTS[name]());
        await response.body?.cancel();
        if (!response.ok) throw new Error(`${name}: ${response.status}`);
      };
      await send();
      await send();
      // what the server runs with no request at all (the event loop's
      // delay sampler, every 500 ms): not any request's path
      await functionsRun(inspector);
      await new Promise((resolve) => setTimeout(resolve, 1500));
      const idle = await functionsRun(inspector);
      // what runs for each of three requests, beyond that
      let files: Set<string> | undefined;
      for (let i = 0; i < 3; i++) {
        await send();
        const run = beyond(await functionsRun(inspector), idle);
        files = files ? new Set([...files].filter((f) => run.has(f))) : run;
      }
      paths.set(name, [...files!].sort());
    }
    return paths;
  } finally {
    inspector.close();
    server.kill();
    await server.status;
  }
}

async function ready(url: string) {
  for (let tries = 0; tries < 1200; tries++) {
    try {
      const response = await fetch(`${url}/v2/health/ready`);
      await response.body?.cancel();
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error("The server never became ready");
}

if (import.meta.main) {
  const names = Deno.args.length ? Deno.args : Object.keys(REQUESTS);
  for (const name of names) {
    if (!(name in REQUESTS)) throw new Error(`No request named ${name}`);
  }
  for (const [name, files] of await tracePaths(names)) {
    console.log(`${name}: ${files.length} project files`);
    for (const file of files) console.log(`  ${file}`);
  }
}
