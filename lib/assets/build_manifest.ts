/**
 * What `deno task build` tells the server about the page's files:
 * `static/precompressed/build.json`, each file's content hash and type, the
 * fonts', the service worker's and the page's in each language, so that a
 * server started from a build answers its first requests without hashing,
 * compressing or rendering anything. Its bodies lie beside it: the
 * compressed ones of every file, and the whole body of each file the build
 * made (the pages, the service worker, the gallery's data).
 *
 * @module
 */

import { PRECOMPRESSED_DIR } from "./assets.ts";

/** Where the build writes its manifest. */
export const MANIFEST_FILE = new URL("build.json", PRECOMPRESSED_DIR);

/** A file of the page as the build left it. */
export interface BuiltFile {
  type: string;
  /** Its content hash (lib/assets/content_hash.ts). */
  version: string;
  /** Bytes as it is (the page offers the device's download with them). */
  bytes: number;
  /** Bytes as sent to a browser: its brotli body, else gzip's, else its own. */
  sent: number;
  /**
   * Whether the build made it (its body is `static/precompressed/<name>.<version>`)
   * rather than read it from the tree.
   */
  made?: boolean;
}

/** `static/precompressed/build.json`. */
export interface BuildManifest {
  /** The build's version, over every file and font and the service worker. */
  build: string;
  /** Every file under /static/, by name. */
  files: Record<string, BuiltFile>;
  /** The fonts' versions by file name (style.css names them so). */
  fonts: Record<string, string>;
  /** The service worker (/sw.js), made by the build. */
  serviceWorker: BuiltFile;
  /** The page rendered in each language (`page.<lang>.html`), made by the build. */
  pages: Record<string, BuiltFile>;
  /** The content hash of the report the pages show (model/report.json as parsed). */
  report: string;
}

/**
 * The build's manifest, or undefined without one (a checkout not built, or
 * a manifest that does not read): the server then hashes, renders and
 * compresses itself.
 */
export async function readManifest(
  file: URL = MANIFEST_FILE,
): Promise<BuildManifest | undefined> {
  try {
    const manifest = JSON.parse(await Deno.readTextFile(file));
    return manifest?.build && manifest.files && manifest.pages
      ? manifest as BuildManifest
      : undefined;
  } catch {
    return undefined;
  }
}
