/**
 * Where and how readers' drawings are kept, from the environment: a local
 * SQLite file by default, in memory for tests, Deno Deploy's managed KV on
 * Deploy; how many, for how long, and how many writes a client may make.
 *
 * @module
 */

import type { DrawingStoreOptions } from "./store.ts";

/** The KV file used when KV_PATH is not set (the data/ folder is git-ignored). */
export const DEFAULT_KV_PATH = "data/drawings.sqlite3";

/** Reads an environment variable (`(name) => Deno.env.get(name)` in production). */
export type Env = (name: string) => string | undefined;

/**
 * Whether the process runs on Deno Deploy, which sets `DENO_DEPLOY=1` (and
 * `DENO_DEPLOYMENT_ID` on every deployment, new and classic).
 */
export function onDeploy(env: Env): boolean {
  return env("DENO_DEPLOY") === "1" || Boolean(env("DENO_DEPLOYMENT_ID"));
}

/**
 * The path to give `Deno.openKv`: `KV_PATH` when set (a file, `:memory:` or a
 * KV Connect URL), else nothing on Deno Deploy (its managed KV), else
 * {@linkcode DEFAULT_KV_PATH}.
 */
export function kvPath(env: Env): string | undefined {
  const path = env("KV_PATH");
  if (path) return path;
  return onDeploy(env) ? undefined : DEFAULT_KV_PATH;
}

/**
 * Opening the drawings' KV failed for a reason the operator can mend: the
 * message says what to do. Print it, not its stack.
 */
export class KvOpenError extends Error {
  constructor(message: string, options: { cause?: unknown } = {}) {
    super(message, options);
    this.name = "KvOpenError";
  }
}

/**
 * Opens the drawings' KV database at {@linkcode kvPath}, creating the folder
 * of a local file first.
 *
 * @throws {KvOpenError} Without read and write access to the file and its
 * folder (`deno task start` may write only under `data/`).
 */
export async function openDrawingsKv(env: Env): Promise<Deno.Kv> {
  const path = kvPath(env);
  const local = path !== undefined && path !== ":memory:" &&
    !/^[a-z][a-z0-9+.-]*:\/\//i.test(path);
  const folder = local ? path.replace(/[^/\\]*$/, "") : "";
  try {
    if (folder) await Deno.mkdir(folder, { recursive: true });
    return await Deno.openKv(path);
  } catch (error) {
    if (
      !(error instanceof Deno.errors.NotCapable ||
        error instanceof Deno.errors.PermissionDenied)
    ) throw error;
    const where = folder.replace(/(.)[/\\]+$/, "$1") || ".";
    throw new KvOpenError(
      `Cannot open the drawings' KV at KV_PATH=${path}: ${error.message}. ` +
        `deno task start may read and write only under data/ (the "serve" permissions in deno.json): ` +
        `set KV_PATH to a file under data/ (e.g. KV_PATH=data/drawings.sqlite3), ` +
        `or run the server with access to that folder: ` +
        `deno run -P=serve --allow-read=.,${where} --allow-write=data,${where} main.ts`,
      { cause: error },
    );
  }
}

/** The settings of readers' drawings that the environment can change. */
export interface DrawingSettings extends DrawingStoreOptions {
  /** `DRAWINGS_PER_MINUTE`: stores and deletes per client and minute (0: no limit). */
  writesPerMinute?: number;
}

/**
 * Reads `DRAWINGS_PER_MINUTE` (writes per client and minute, 0 for no
 * limit), `DRAWINGS_MAX` (the most drawings kept) and
 * `DRAWINGS_RETENTION_DAYS` (how long each is kept, may be fractional).
 * Unset variables are left out, so the defaults apply.
 *
 * @throws {RangeError} When a value is not a number in its range.
 */
export function drawingsFromEnv(env: Env): DrawingSettings {
  const read = (name: string, min: number, whole: boolean) => {
    const text = env(name)?.trim();
    if (!text) return undefined;
    const value = Number(text);
    if (
      !(value >= min) || !Number.isFinite(value) ||
      (whole && !Number.isInteger(value))
    ) {
      throw new RangeError(
        `Cannot read ${name}: ${
          whole ? "a whole number" : "a number"
        } ≥ ${min} expected, got ${JSON.stringify(text)}`,
      );
    }
    return value;
  };
  const settings: DrawingSettings = {};
  const writes = read("DRAWINGS_PER_MINUTE", 0, true);
  const max = read("DRAWINGS_MAX", 1, true);
  const days = read("DRAWINGS_RETENTION_DAYS", 0.001, false);
  if (writes !== undefined) settings.writesPerMinute = writes;
  if (max !== undefined) settings.maxDrawings = max;
  if (days !== undefined) {
    settings.retentionMs = Math.round(days * 24 * 3600 * 1000);
  }
  return settings;
}
