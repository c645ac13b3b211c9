/**
 * A file the page loads (script, stylesheet, wasm, model, gallery data, the
 * page itself), held once in memory with its content hash — its URL is
 * `/static/<name>?v=<hash>`, cached for a year — and its brotli and gzip
 * bodies: read from `static/precompressed/`, where `deno task build` writes
 * them at the highest quality, else made when the server is asked to
 * ({@linkcode Asset.compress}: its warm-up, after the first answers).
 *
 * @module
 */

import { contentHash } from "./content_hash.ts";
import { type Encoding, ENCODINGS } from "./encoding.ts";

/** Where `deno task build` writes the compressed bodies (git-ignored). */
export const PRECOMPRESSED_DIR = new URL(
  "../../static/precompressed/",
  import.meta.url,
);

/** Brotli's quality at run time (the build's is 11). */
export const RUNTIME_BROTLI = 6;

/** Bodies up to this size are brotli-compressed at run time when the build has not. */
export const RUNTIME_BROTLI_LIMIT = 1 << 20;

/** Bodies over this size give way to waiting requests before brotli runs. */
const YIELD_ABOVE = 128 << 10;

/** A static file with its version and compressed bodies. */
export interface Asset {
  /** The file's name under /static/, e.g. `"app.js"`. */
  name: string;
  /** Its Content-Type. */
  type: string;
  body: Uint8Array<ArrayBuffer>;
  /** The first 12 hex digits of the body's SHA-256. */
  version: string;
  /** The body in `encoding`, once it is ready (undefined before, or when compressing does not pay). */
  encoded(encoding: Encoding): Uint8Array<ArrayBuffer> | undefined;
  /**
   * Compresses the bodies the build did not write (gzip always, in chunks;
   * brotli for bodies up to {@linkcode RUNTIME_BROTLI_LIMIT}), once: later
   * calls share the first. Until then the body is sent as it is.
   */
  compress(): Promise<void>;
}

/** The file that holds an asset's body in an encoding, e.g. `app.js.1a2b3c4d5e6f.br`. */
export function precompressedFile(
  name: string,
  version: string,
  encoding: Encoding,
): URL {
  const extension = encoding === "br" ? "br" : "gz";
  return new URL(`${name}.${version}.${extension}`, PRECOMPRESSED_DIR);
}

/**
 * The file that holds the body of an asset the build made (the page in each
 * language, the service worker, the gallery's data), e.g. `sw.js.1a2b3c4d5e6f`.
 */
export function builtFile(name: string, version: string): URL {
  return new URL(`${name}.${version}`, PRECOMPRESSED_DIR);
}

/** Options of {@linkcode makeAsset}. */
export interface AssetOptions {
  name: string;
  type: string;
  body: Uint8Array;
  /**
   * The body's content hash when it is known already (from the build's
   * manifest, lib/assets/build_manifest.ts); hashed here otherwise.
   */
  version?: string;
}

/**
 * Holds a file as an asset: hashes it (unless its version is given) and
 * reads the compressed bodies the build wrote for that version. A compressed
 * body no smaller than the original is dropped.
 */
export async function makeAsset(options: AssetOptions): Promise<Asset> {
  // no copy when the bytes are the asset's own: the wasm copied twice over
  // was that much more transient memory at the first page view
  const body = options.body.buffer instanceof ArrayBuffer
    ? options.body as Uint8Array<ArrayBuffer>
    : new Uint8Array(options.body);
  const version = options.version ?? await contentHash(body);
  const bodies = new Map<Encoding, Uint8Array<ArrayBuffer>>();
  const keep = (encoding: Encoding, bytes: Uint8Array<ArrayBuffer>) => {
    if (bytes.length < body.length) bodies.set(encoding, bytes);
  };
  const built = await Promise.all(
    ENCODINGS.map((encoding) =>
      Deno.readFile(precompressedFile(options.name, version, encoding))
        .catch(() => undefined)
    ),
  );
  const missing = ENCODINGS.filter((encoding, i) => {
    if (built[i]) keep(encoding, built[i]);
    return !built[i];
  });
  let compressing: Promise<void> | undefined;
  return {
    name: options.name,
    type: options.type,
    body,
    version,
    encoded: (encoding) => bodies.get(encoding),
    compress: () => compressing ??= compressMissing(body, missing, keep),
  };
}

/** Compresses `body` in the encodings the build did not write. */
async function compressMissing(
  body: Uint8Array<ArrayBuffer>,
  missing: readonly Encoding[],
  keep: (encoding: Encoding, bytes: Uint8Array<ArrayBuffer>) => void,
): Promise<void> {
  if (missing.length === 0) return;
  const { encode, gzipInChunks } = await import("./compression.ts");
  for (const encoding of missing) {
    if (encoding === "gzip") {
      keep(encoding, await gzipInChunks(body));
    } else if (body.length <= RUNTIME_BROTLI_LIMIT) {
      // a long synchronous step: let the requests waiting meanwhile in first
      // (a page's few milliseconds go at once: no timer left behind it)
      if (body.length > YIELD_ABOVE) {
        await new Promise((resolve) => setTimeout(resolve, 0));
      }
      // quality 6: 1–4% larger than 9 for the page, its script and style,
      // 20–60 times quicker (a few ms, not 65–135 ms of the event loop:
      // docs/BENCHMARKS.md, Round 16)
      keep(encoding, encode(body, encoding, { quality: RUNTIME_BROTLI }));
    }
  }
}

/**
 * Writes an asset's brotli (quality 11) and gzip (level 9) bodies into
 * {@linkcode PRECOMPRESSED_DIR} unless they are there already; returns the
 * files it wrote. The build calls it; the server only reads them.
 */
export async function writePrecompressed(
  name: string,
  body: Uint8Array,
): Promise<URL[]> {
  const { encode } = await import("./compression.ts");
  const version = await contentHash(body);
  await Deno.mkdir(PRECOMPRESSED_DIR, { recursive: true });
  const written: URL[] = [];
  for (const encoding of ENCODINGS) {
    const file = precompressedFile(name, version, encoding);
    const exists = await Deno.stat(file).then(() => true, () => false);
    if (exists) continue;
    await Deno.writeFile(file, encode(body, encoding));
    written.push(file);
  }
  return written;
}
