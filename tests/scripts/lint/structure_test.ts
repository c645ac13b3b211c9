/**
 * Tests of `scripts/lint/structure.ts`, the lint plugin that keeps the
 * project's shape, run on sources made here (`Deno.lint.runPlugin`), and of
 * its place in `deno lint`, the gate's.
 *
 * @module
 */

import { assert, assertEquals } from "@std/assert";
import structure, {
  MAX_FILE_LINES,
  MAX_FUNCTION_LINES,
} from "../../../scripts/lint/structure.ts";

const ROOT = new URL("../../../", import.meta.url).pathname;

/** The rule ids the plugin reports for `source` as the file at `path`. */
function reported(path: string, source: string): string[] {
  return Deno.lint.runPlugin(structure, `${ROOT}${path}`, source)
    .map((diagnostic) => diagnostic.id);
}

/** A function declaration of `lines` lines. */
function functionOf(lines: number): string {
  const body = Array.from(
    { length: lines - 3 },
    (_, i) => `  const a${i} = ${i};`,
  );
  return ["export function f(): number {", ...body, "  return a0;", "}", ""]
    .join("\n");
}

Deno.test("structure refuses a function over 80 lines, of any kind, and lets 80 through", () => {
  assertEquals(reported("lib/x.ts", functionOf(MAX_FUNCTION_LINES)), []);
  assertEquals(reported("lib/x.ts", functionOf(MAX_FUNCTION_LINES + 1)), [
    "structure/max-function-lines",
  ]);
  const arrow = functionOf(MAX_FUNCTION_LINES + 1)
    .replace("export function f(): number {", "export const f = () => {");
  assertEquals(reported("routes/x.ts", arrow), [
    "structure/max-function-lines",
  ]);
});

Deno.test("structure refuses a file over 350 lines and lets 350 through", () => {
  const file = (lines: number) =>
    Array.from({ length: lines }, (_, i) => `export const a${i} = ${i};`)
      .join("\n") + "\n";
  assertEquals(reported("static/src/x.ts", file(MAX_FILE_LINES)), []);
  assertEquals(reported("static/src/x.ts", file(MAX_FILE_LINES + 1)), [
    "structure/max-file-lines",
  ]);
});

Deno.test("structure keeps lib/input from importing the server's side", () => {
  const importing = (specifier: string) =>
    `import { a } from "${specifier}";\nexport const b = a;\n`;
  for (
    const server of ["../runtime/mod.ts", "../http/mod.ts", "../v2/mod.ts"]
  ) {
    assertEquals(reported("lib/input/x.ts", importing(server)), [
      "structure/input-knows-no-server",
    ], server);
  }
  assertEquals(reported("lib/input/x.ts", importing("./pixels.ts")), []);
  assertEquals(reported("lib/input/x.ts", importing("../errors.ts")), []);
  // elsewhere, the same import is fine
  assertEquals(reported("lib/http/x.ts", importing("../runtime/mod.ts")), []);
});

Deno.test("deno lint, the gate's, runs the structure plugin", async () => {
  const config = JSON.parse(
    await Deno.readTextFile(new URL("deno.json", `file://${ROOT}`)),
  );
  assert(
    config.lint.plugins.includes("./scripts/lint/structure.ts"),
    "deno.json's lint.plugins",
  );
});
