import {
  assert,
  assertEquals,
  assertMatch,
  assertRejects,
  assertThrows,
} from "@std/assert";
import {
  DEFAULT_KV_PATH,
  drawingsFromEnv,
  KvOpenError,
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

Deno.test("openDrawingsKv() passes on errors that are not about permissions", async () => {
  const dir = await Deno.makeTempDir();
  try {
    await Deno.writeTextFile(`${dir}/file`, "");
    const error = await assertRejects(() =>
      openDrawingsKv(envOf({ KV_PATH: `${dir}/file/drawings.sqlite3` }))
    );
    assert(!(error instanceof KvOpenError), String(error));
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("deno task start with KV_PATH outside data/ exits 1 saying what to do, without a stack", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const path = `${dir}/kv/drawings.sqlite3`;
    const { code, stderr } = await new Deno.Command(Deno.execPath(), {
      args: ["run", "-P=serve", "main.ts"],
      cwd: new URL("../../..", import.meta.url),
      env: { KV_PATH: path, PORT: "0" },
      stdout: "null",
      stderr: "piped",
    }).output();
    const text = new TextDecoder().decode(stderr);
    assertEquals(code, 1, text);
    assertMatch(text, /Cannot open the drawings' KV at KV_PATH=\S+: Requires /);
    assertMatch(text, /may read and write only under data\//);
    assertMatch(text, /set KV_PATH to a file under data\//);
    assert(
      text.includes(
        `--allow-read=.,${dir}/kv --allow-write=data,${dir}/kv main.ts`,
      ),
      text,
    );
    assert(!/^\s+at /m.test(text), `a stack:\n${text}`);
    assert(!/Uncaught|NotCapable/.test(text), text);
    assertEquals([...Deno.readDirSync(dir)], [], "nothing written");
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
