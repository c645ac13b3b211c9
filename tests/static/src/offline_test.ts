import { assertEquals, assertRejects } from "@std/assert";
import { OFFLINE, reach } from "../../../static/src/offline.ts";

Deno.test("reach() turns a server that does not answer into OFFLINE", async () => {
  // a port nothing listens on: the connection is refused, fetch throws a TypeError
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const { port } = listener.addr;
  listener.close();
  const error = await assertRejects(() => reach(`http://127.0.0.1:${port}/`));
  assertEquals((error as Error).message, OFFLINE);
  assertEquals(((error as Error).cause as Error).name, "TypeError");
});

Deno.test("reach() gives back any answer, and an abort stays an AbortError", async () => {
  const server = Deno.serve(
    { hostname: "127.0.0.1", port: 0, onListen() {} },
    () => new Response("{}", { status: 404 }),
  );
  const url = `http://127.0.0.1:${server.addr.port}/`;
  const response = await reach(url);
  assertEquals(response.status, 404);
  await response.body?.cancel();
  const error = await assertRejects(() =>
    reach(url, { signal: AbortSignal.abort() })
  );
  assertEquals((error as Error).name, "AbortError");
  await server.shutdown();
});
