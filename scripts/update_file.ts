/**
 * Writing a file the build makes only when its bytes change, and saying
 * which (scripts/build.ts, scripts/prerender.ts): a rerun on a clean tree
 * changes nothing, not even a modification time.
 *
 * @module
 */

/** Writes `bytes` to `file` unless it holds them already; logs which. */
export async function update(
  file: URL,
  bytes: Uint8Array | string,
): Promise<void> {
  const next = typeof bytes === "string"
    ? new TextEncoder().encode(bytes)
    : bytes;
  const old = await Deno.readFile(file).catch(() => undefined);
  const same = old?.length === next.length &&
    old.every((b, i) => b === next[i]);
  if (!same) await Deno.writeFile(file, next);
  console.log(
    `${same ? "unchanged" : "written  "} ${decodeURIComponent(file.pathname)}`,
  );
}
