/**
 * deno run -P=scripts scripts/bundle.ts: static/src/client.tsx and everything it
 * imports (Preact, the components, lib/input/preprocess.ts) → one minified
 * static/app.js; static/src/early.ts (the strokes drawn before hydration) →
 * static/early.js.
 *
 * @module
 */

/** The client entry point. */
export const CLIENT_ENTRY = new URL(
  "../static/src/client.tsx",
  import.meta.url,
);
/** Where the page's script is served from. */
export const CLIENT_BUNDLE = new URL("../static/app.js", import.meta.url);
/** The script that keeps the strokes drawn before hydration. */
export const EARLY_ENTRY = new URL("../static/src/early.ts", import.meta.url);
/** Where it is served from. */
export const EARLY_BUNDLE = new URL("../static/early.js", import.meta.url);

/** Options of {@linkcode bundleClient}. */
export interface BundleOptions {
  /** The entry point; static/src/client.tsx by default. */
  entry?: URL;
  /** Where to write the bundle; static/app.js by default. */
  output?: URL;
}

/**
 * Bundles the page's client code with `deno bundle` for the browser, minified,
 * and writes it to `output`. Returns the bundle's bytes.
 *
 * @throws {Error} When `deno bundle` fails (its stderr is in the message).
 */
export async function bundleClient(
  options: BundleOptions = {},
): Promise<Uint8Array> {
  const output = options.output ?? CLIENT_BUNDLE;
  const entry = options.entry ?? CLIENT_ENTRY;
  const root = new URL("..", import.meta.url);
  const { code, stderr } = await new Deno.Command(Deno.execPath(), {
    args: [
      "bundle",
      "--quiet",
      "--platform",
      "browser",
      "--format",
      "esm",
      "--minify",
      "--output",
      decodeURIComponent(output.pathname),
      decodeURIComponent(entry.pathname),
    ],
    cwd: root.pathname,
    stdout: "null",
    stderr: "piped",
  }).output();
  if (code !== 0) {
    throw new Error(
      `Cannot bundle ${entry.pathname}: deno bundle exited with ${code}\n${
        new TextDecoder().decode(stderr)
      }`,
    );
  }
  return await Deno.readFile(output);
}

if (import.meta.main) {
  const bytes = await bundleClient();
  console.log(`static/src/client.tsx → static/app.js (${bytes.length} bytes)`);
  const early = await bundleClient({
    entry: EARLY_ENTRY,
    output: EARLY_BUNDLE,
  });
  console.log(`static/src/early.ts → static/early.js (${early.length} bytes)`);
}
