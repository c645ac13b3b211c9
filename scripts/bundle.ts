/**
 * deno run -P=scripts scripts/bundle.ts: the page's four scripts, each one
 * minified file made by `deno bundle` for the browser —
 *   static/app.js     the page (Preact, the components, lib/input/preprocess.ts);
 *   static/early.js   the strokes drawn before hydration (static/src/early.ts);
 *   static/engine.js  the device engine's worker (lib/infer with
 *                     onnxruntime-web's WASM-only build, and the reading of
 *                     drawings), started by the page once interactive;
 *   static/sw.js      the service worker;
 * and one for the server:
 *   static/render.js  the page's server rendering (routes/page_html.tsx,
 *                     Preact and the components) as one module, which a
 *                     server without a build loads at its first page view
 *                     in one read, not ninety (static_files.ts does not
 *                     serve it).
 *
 * @module
 */

const ROOT = new URL("..", import.meta.url);

/** One bundle: its entry point and where it is written. */
export interface Bundle {
  entry: URL;
  output: URL;
  /**
   * Specifiers to resolve differently in this bundle, over deno.json's
   * imports (the engine takes onnxruntime-web's WASM-only browser build).
   */
  imports?: (imports: Record<string, string>) => Record<string, string>;
  /** Who runs it: the browser (default) or the server. */
  platform?: "browser" | "deno";
}

/** The client entry point. */
export const CLIENT_ENTRY = new URL("static/src/client.tsx", ROOT);
/** Where the page's script is served from. */
export const CLIENT_BUNDLE = new URL("static/app.js", ROOT);
/** The script that keeps the strokes drawn before hydration. */
export const EARLY_ENTRY = new URL("static/src/early.ts", ROOT);
/** Where it is served from. */
export const EARLY_BUNDLE = new URL("static/early.js", ROOT);

/** The page's scripts, by name under static/. */
export const BUNDLES: Record<
  "app.js" | "early.js" | "engine.js" | "sw.js" | "render.js",
  Bundle
> = {
  "app.js": { entry: CLIENT_ENTRY, output: CLIENT_BUNDLE },
  "early.js": { entry: EARLY_ENTRY, output: EARLY_BUNDLE },
  "engine.js": {
    entry: new URL("static/src/engine.ts", ROOT),
    output: new URL("static/engine.js", ROOT),
    // lib/infer/session.ts imports "onnxruntime-web"; in the page it is the
    // WASM-only build (no WebGPU or WebGL backends to ship), same API and
    // same wasm file
    imports: (imports) => ({
      ...imports,
      "onnxruntime-web": `${imports["onnxruntime-web"]}/wasm`,
    }),
  },
  "sw.js": {
    entry: new URL("static/src/sw.ts", ROOT),
    output: new URL("static/sw.js", ROOT),
  },
  "render.js": {
    entry: new URL("routes/page_html.tsx", ROOT),
    output: new URL("static/render.js", ROOT),
    platform: "deno",
  },
};

/** Options of {@linkcode bundle}. */
export interface BundleOptions {
  /** Where to write the bundle; the bundle's own output by default. */
  output?: URL;
}

/**
 * Bundles one script with `deno bundle` for the browser, minified, and
 * writes it to `output`. Returns the bundle's bytes.
 *
 * @throws {Error} When `deno bundle` fails (its stderr is in the message).
 */
export async function bundle(
  what: Bundle,
  options: BundleOptions = {},
): Promise<Uint8Array> {
  const output = options.output ?? what.output;
  const args = [
    "bundle",
    "--quiet",
    "--platform",
    what.platform ?? "browser",
    "--format",
    "esm",
    "--minify",
  ];
  if (what.imports) {
    const config = JSON.parse(
      await Deno.readTextFile(new URL("deno.json", ROOT)),
    );
    const map = JSON.stringify({ imports: what.imports(config.imports) });
    args.push(
      "--import-map",
      `data:application/json,${encodeURIComponent(map)}`,
    );
  }
  const { code, stderr } = await new Deno.Command(Deno.execPath(), {
    args: [
      ...args,
      "--output",
      decodeURIComponent(output.pathname),
      decodeURIComponent(what.entry.pathname),
    ],
    cwd: ROOT.pathname,
    stdout: "null",
    stderr: "piped",
  }).output();
  if (code !== 0) {
    throw new Error(
      `Cannot bundle ${what.entry.pathname}: deno bundle exited with ${code}\n${
        new TextDecoder().decode(stderr)
      }`,
    );
  }
  return await Deno.readFile(output);
}

/** Bundles the page's script (static/app.js by default). */
export function bundleClient(options: BundleOptions = {}): Promise<Uint8Array> {
  return bundle(BUNDLES["app.js"], options);
}

if (import.meta.main) {
  for (const [name, what] of Object.entries(BUNDLES)) {
    const bytes = await bundle(what);
    console.log(
      `${
        what.entry.pathname.slice(ROOT.pathname.length)
      } → static/${name} (${bytes.length} bytes)`,
    );
  }
}
