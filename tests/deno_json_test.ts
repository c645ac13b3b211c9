/**
 * Tests of `deno.json`: the deploy section as `deno deploy` reads it, and
 * the two commands the README promises.
 *
 * @module
 */

import { assert, assertEquals } from "@std/assert";

const config = JSON.parse(
  await Deno.readTextFile(new URL("../deno.json", import.meta.url)),
);

Deno.test("deno.json's deploy section names the org and app, installs frozen, builds, and runs main.ts", async () => {
  const deploy = config.deploy;
  assert(typeof deploy.org === "string" && deploy.org.length > 0, "org");
  assert(typeof deploy.app === "string" && deploy.app.length > 0, "app");
  assertEquals(deploy.install, "deno install --frozen");
  assertEquals(deploy.build, "deno task build");
  assertEquals(deploy.runtime, { mode: "dynamic", entrypoint: "main.ts" });
  const entry = await Deno.stat(new URL("../main.ts", import.meta.url));
  assert(entry.isFile);
  // what the function reads at run time must not be excluded from the upload
  for (const needed of ["model/", "static/", "lib/", "routes/"]) {
    assert(!deploy.exclude.includes(needed), `${needed} is deployed`);
  }
});

Deno.test("deno.json has the README's two commands and the test permissions", () => {
  assert(config.tasks.start.command.includes("main.ts"));
  assert(config.tasks.test.command.includes("deno test -P --doc"));
  assert(config.test.permissions, "deno test -P reads its permissions here");
});

Deno.test("CI runs the JSDoc @examples on both Deno versions", async () => {
  const ci = await Deno.readTextFile(new URL("../.ci/run", import.meta.url));
  assert(ci.includes("deno task test"), "2.9.6 runs the gate's task");
  assert(ci.includes('"$DENO25" test -P --no-check --doc'), "2.5 runs --doc");
});
