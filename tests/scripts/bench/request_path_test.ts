/**
 * Tests of `scripts/bench/request_path.ts` and of what it holds the code to:
 * a JSON prediction runs at most 15 project files, an image one at most 20,
 * and docs/ARCHITECTURE.md lists every one of them.
 *
 * @module
 */

import { assert, assertEquals } from "@std/assert";
import { tracePaths } from "../../../scripts/bench/request_path.ts";

/** The most project files each request may run. */
const LIMITS: Record<string, number> = { json: 15, png: 20, multipart: 20 };

/** The files named in ARCHITECTURE.md's section for `name`'s path. */
async function listed(name: string): Promise<Set<string>> {
  const doc = await Deno.readTextFile(
    new URL("../../../docs/ARCHITECTURE.md", import.meta.url),
  );
  const start = doc.indexOf(`<!-- path ${name} -->`);
  assert(start >= 0, `ARCHITECTURE.md has a "path ${name}" section`);
  const section = doc.slice(start, doc.indexOf("<!-- /path -->", start));
  return new Set(
    [...section.matchAll(/`((?:lib|routes)\/[\w/.]+\.tsx?)`/g)].map((m) =>
      m[1]
    ),
  );
}

Deno.test({
  name:
    "a JSON prediction runs at most 15 project files and an image one at most 20, each listed in ARCHITECTURE.md",
  // the server's workers outlive the inspector's session by a moment
  sanitizeOps: false,
  sanitizeResources: false,
  fn: async () => {
    const paths = await tracePaths(Object.keys(LIMITS));
    for (const [name, files] of paths) {
      assert(files.includes("routes/predict.ts"), `${name}: ${files}`);
      assert(
        files.length <= LIMITS[name],
        `${name}: ${files.length} files, at most ${LIMITS[name]}:\n${
          files.join("\n")
        }`,
      );
      const doc = await listed(name === "multipart" ? "png" : name);
      const missing = files.filter((file) => !doc.has(file));
      assertEquals(missing, [], `${name}: files ARCHITECTURE.md does not list`);
    }
    // the image's path is the JSON's and its decoding, nothing else
    const [json, png] = [paths.get("json")!, paths.get("png")!];
    assertEquals(
      json.filter((file) => !png.includes(file)),
      ["lib/input/predict_body.ts"],
    );
  },
});
