/**
 * deno task request-path: which project files one request really runs, in
 * every thread. The server starts under the inspector; V8's precise coverage
 * is switched on in the event loop's isolate and in each worker (through the
 * NodeWorker domain), reset after two warm requests, and read after a third:
 * a file counts when one of its functions ran for that request (a module that
 * only re-exports does not). docs/ARCHITECTURE.md lists the paths it prints.
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

/** The project files (relative to the root) whose functions ran since the last call. */
async function filesRun(inspector: Inspector): Promise<Set<string>> {
  const root = ROOT.href;
  const files = new Set<string>();
  for (const session of inspector.sessions) {
    const coverage = await inspector.send(
      "Profiler.takePreciseCoverage",
      {},
      session,
    );
    for (const script of coverage.result?.result ?? []) {
      const url: string = script.url;
      if (!url.startsWith(root) || url.includes("/node_modules/")) continue;
      // deno-lint-ignore no-explicit-any
      if (script.functions.some((f: any) => f.ranges[0].count > 0)) {
        files.add(url.slice(root.length));
      }
    }
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
      await filesRun(inspector);
      await send();
      paths.set(name, [...await filesRun(inspector)].sort());
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
