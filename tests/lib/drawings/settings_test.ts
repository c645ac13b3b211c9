import { assertEquals, assertThrows } from "@std/assert";
import {
  DEFAULT_KV_PATH,
  drawingsFromEnv,
  kvPath,
  onDeploy,
  openDrawingsKv,
} from "../../../lib/drawings/settings.ts";

const envOf = (values: Record<string, string>) => (name: string) =>
  values[name];

Deno.test("kvPath() is KV_PATH, else Deploy's own KV (no path), else data/drawings.sqlite3", () => {
  assertEquals(kvPath(envOf({})), DEFAULT_KV_PATH);
  assertEquals(kvPath(envOf({ KV_PATH: ":memory:" })), ":memory:");
  assertEquals(kvPath(envOf({ DENO_DEPLOYMENT_ID: "abc123" })), undefined);
  assertEquals(kvPath(envOf({ DENO_DEPLOY: "1" })), undefined);
  assertEquals(
    kvPath(envOf({ DENO_DEPLOY: "1", KV_PATH: "/tmp/x.sqlite3" })),
    "/tmp/x.sqlite3",
  );
  assertEquals(onDeploy(envOf({ DENO_DEPLOY: "0" })), false);
});

Deno.test("openDrawingsKv() creates the folder of a local file", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const path = `${dir}/nested/folder/drawings.sqlite3`;
    const kv = await openDrawingsKv(envOf({ KV_PATH: path }));
    await kv.set(["x"], 1);
    kv.close();
    assertEquals((await Deno.stat(path)).isFile, true);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("drawingsFromEnv() reads the limits, and leaves unset ones to the defaults", () => {
  assertEquals(drawingsFromEnv(envOf({})), {});
  assertEquals(
    drawingsFromEnv(envOf({
      DRAWINGS_PER_MINUTE: "0",
      DRAWINGS_MAX: "500",
      DRAWINGS_RETENTION_DAYS: "0.5",
    })),
    { writesPerMinute: 0, maxDrawings: 500, retentionMs: 12 * 3600 * 1000 },
  );
});

const errorCases: [Record<string, string>, string][] = [
  [{ DRAWINGS_PER_MINUTE: "-1" }, "DRAWINGS_PER_MINUTE"],
  [{ DRAWINGS_PER_MINUTE: "2.5" }, "a whole number"],
  [{ DRAWINGS_MAX: "0" }, "DRAWINGS_MAX"],
  [{ DRAWINGS_RETENTION_DAYS: "forever" }, "DRAWINGS_RETENTION_DAYS"],
  [{ DRAWINGS_RETENTION_DAYS: "Infinity" }, "DRAWINGS_RETENTION_DAYS"],
];

for (const [values, message] of errorCases) {
  Deno.test(`drawingsFromEnv() refuses ${JSON.stringify(values)}`, () => {
    assertThrows(() => drawingsFromEnv(envOf(values)), RangeError, message);
  });
}
