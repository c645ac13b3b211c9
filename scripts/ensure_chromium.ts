/**
 * Part of `deno task test`: the browser tests drive Debian's chromium, so
 * install it (apt-get, as root) when it is missing. Prints what it does.
 *
 * @module
 */

const CHROMIUM = "/usr/bin/chromium";

async function exists(path: string): Promise<boolean> {
  return await Deno.stat(path).then(() => true, () => false);
}

async function run(command: string, args: string[]): Promise<void> {
  const { success } = await new Deno.Command(command, {
    args,
    env: { DEBIAN_FRONTEND: "noninteractive" },
  }).spawn().status;
  if (!success) throw new Error(`${command} ${args.join(" ")} failed`);
}

if (import.meta.main && !(await exists(CHROMIUM))) {
  if (Deno.uid() !== 0) {
    console.error(
      `${CHROMIUM} is missing: install it with  sudo apt-get install -y chromium`,
    );
    Deno.exit(1);
  }
  console.log(`${CHROMIUM} is missing: installing Debian's chromium`);
  await run("apt-get", ["update", "-qq"]);
  await run("apt-get", ["install", "-y", "-qq", "chromium"]);
}
