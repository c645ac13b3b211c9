/**
 * deno run -P=scripts scripts/bundle.ts: static/src/client.tsx and everything it
 * imports (Preact, the components, lib/input/preprocess.ts) → one minified static/app.js.
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

/** Options of {@linkcode bundleClient}. */
export interface BundleOptions {
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
      decodeURIComponent(CLIENT_ENTRY.pathname),
    ],
    cwd: root.pathname,
    stdout: "null",
    stderr: "piped",
  }).output();
  if (code !== 0) {
    throw new Error(
      `Cannot bundle ${CLIENT_ENTRY.pathname}: deno bundle exited with ${code}\n${
        new TextDecoder().decode(stderr)
      }`,
    );
  }
  return await Deno.readFile(output);
}

if (import.meta.main) {
  const bytes = await bundleClient();
  console.log(`static/src/client.tsx → static/app.js (${bytes.length} bytes)`);
}
