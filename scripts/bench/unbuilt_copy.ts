/**
 * A checkout as a fresh clone has it, never built: what `deno task start`
 * serves before anyone runs `deno task build` (bench:cold, and the test of
 * the committed pages in tests/main_test.ts).
 *
 * @module
 */

import { ROOT } from "./tools.ts";

/** Runs a command; its stdout, or an error with its stderr. */
export async function run(command: string, args: string[], cwd?: string) {
  const { success, stdout, stderr } = await new Deno.Command(command, {
    args,
    cwd,
  }).output();
  if (!success) {
    throw new Error(
      `${command} ${args.join(" ")}: ${new TextDecoder().decode(stderr)}`,
    );
  }
  return new TextDecoder().decode(stdout);
}

/**
 * A copy of the checkout's files that git keeps or would (as they are now)
 * in a temporary directory, with its node_modules (hard links): a clone that
 * was never built.
 */
export async function unbuiltCopy(from: URL = ROOT): Promise<string> {
  const root = decodeURIComponent(from.pathname);
  const copy = await Deno.makeTempDir({ prefix: "mnist-cold-" });
  await run("sh", [
    "-c",
    `git ls-files -z --cached --others --exclude-standard | tar --null -T - -cf - | tar -xf - -C "${copy}"`,
  ], root);
  // hard links: the packages' files read from the copy's own directory
  await run("cp", ["-al", `${root}node_modules`, `${copy}/node_modules`]);
  return copy;
}
