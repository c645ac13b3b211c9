/**
 * The README's curl examples, run against the real server: each must answer,
 * and where the README shows a whole answer, it must be that very answer.
 *
 * @module
 */

import { assert, assertEquals } from "@std/assert";
import { startServer } from "./_server.ts";

interface Example {
  command: string;
  shown?: string;
}

/** The curl lines of ```sh blocks, each with the ```json block that follows it. */
export function curlExamples(readme: string): Example[] {
  const blocks = [...readme.matchAll(/```(\w*)\n([\s\S]*?)```/g)];
  const examples: Example[] = [];
  blocks.forEach(([, lang, body], i) => {
    if (lang !== "sh") return;
    const commands = body.split("\n").filter((line) =>
      line.startsWith("curl ")
    );
    const next = blocks[i + 1];
    const shown = next?.[1] === "json" && commands.length === 1
      ? next[2].trim()
      : undefined;
    for (const command of commands) {
      examples.push({ command: command.replace(/\s+#.*$/, ""), shown });
    }
  });
  return examples;
}

Deno.test("every curl example in the README works against deno task start", async () => {
  const root = new URL("..", import.meta.url);
  const readme = await Deno.readTextFile(new URL("README.md", root));
  const examples = curlExamples(readme);
  assert(examples.length >= 8, `found only ${examples.length} curl examples`);
  const server = await startServer();
  try {
    for (const { command, shown } of examples) {
      const line = command.replaceAll(
        "localhost:8000",
        server.url.replace("http://", ""),
      );
      const { code, stdout } = await new Deno.Command("bash", {
        args: ["-c", `${line} -w '\\n%{http_code}'`],
        cwd: root.pathname,
      }).output();
      const [body, status] = new TextDecoder().decode(stdout).split(
        /\n(?=\d{3}$)/,
      );
      assertEquals(code, 0, `${command} failed`);
      const expectError = /^\{\s*"error"/.test(shown ?? "");
      assertEquals(
        status.startsWith("2"),
        !expectError,
        `${command} answered ${status}: ${body}`,
      );
      const answer = JSON.parse(body);
      if (shown && !shown.includes("...")) {
        assertEquals(answer, JSON.parse(shown), command);
      }
    }
  } finally {
    await server.stop();
  }
});
