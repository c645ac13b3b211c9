/**
 * Answers that do not change while the process runs — the OpenAPI document,
 * a model's test-set report — made, serialised, hashed and compressed once,
 * then sent as they are with their ETag (a 304 to a client that has them).
 * Made per request they cost milliseconds of the event loop each (the
 * OpenAPI document is generated from every route's schemas) and megabytes of
 * garbage a second under load.
 *
 * @module
 */

import type { Context } from "hono";
import { type Asset, makeAsset } from "../lib/assets/assets.ts";
import { sendAsset } from "./static_files.ts";

/** The JSON answer `make()` gives, made on first use and then kept. */
export function fixedJson(
  name: string,
  make: () => unknown | Promise<unknown>,
): (c: Context) => Promise<Response> {
  let asset: Promise<Asset> | undefined;
  const build = async () => {
    const body = new TextEncoder().encode(JSON.stringify(await make()));
    const made = await makeAsset({ name, type: "application/json", body });
    await made.compress();
    return made;
  };
  return async (c) => {
    // a failure is not kept: the next request tries again
    asset ??= build().catch((error) => {
      asset = undefined;
      throw error;
    });
    return sendAsset(c, await asset, "no-cache");
  };
}
