/**
 * A prober apart from the load: polls GET /api/health every 50 ms until
 * stdin closes or --seconds pass, then prints the latencies (JSON, ms) on
 * stdout. Run in its own process, so that the load generator's own busy
 * event loop does not count as the server's.
 *
 * deno run --allow-net=127.0.0.1 scripts/bench/health_probe.ts URL SECONDS
 *
 * @module
 */

const [url, seconds = "60"] = Deno.args;
const until = Date.now() + Number(seconds) * 1000;
const latencies: number[] = [];
while (Date.now() < until) {
  const start = performance.now();
  try {
    const response = await fetch(`${url}/api/health`, {
      signal: AbortSignal.timeout(30_000),
    });
    await response.body?.cancel();
    latencies.push(performance.now() - start);
  } catch {
    latencies.push(30_000);
  }
  await new Promise((resolve) => setTimeout(resolve, 50));
}
console.log(JSON.stringify(latencies));
