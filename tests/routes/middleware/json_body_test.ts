/**
 * Tests of `routes/middleware/json_body.ts`.
 *
 * @module
 */

import { assertEquals } from "@std/assert";
import { Hono } from "hono";
import { errorOf } from "../../_app.ts";
import { onError } from "../../../routes/errors.ts";
import { jsonBody } from "../../../routes/middleware/json_body.ts";

const app = new Hono();
app.post("/", jsonBody(), async (c) => c.json({ got: await c.req.json() }));
app.onError(onError);

function post(body: BodyInit) {
  return app.request("/", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body,
  });
}

Deno.test("jsonBody() refuses a body that is not JSON with a 400 that says so", async () => {
  for (const body of ["{", "[NaN]", "", "{'a': 1}"]) {
    const [status, error] = await errorOf(await post(body));
    assertEquals(status, 400, body);
    assertEquals(
      error,
      "Invalid JSON in the request body: check its syntax",
      body,
    );
  }
});

Deno.test("jsonBody() lets valid JSON through, readable again by the route", async () => {
  const response = await post('{"a": [1, 2]}');
  assertEquals(response.status, 200);
  assertEquals(await response.json(), { got: { a: [1, 2] } });
});

Deno.test("jsonBody() leaves a failed read what it is: not a client's 400", async () => {
  const broken = new ReadableStream({
    pull(controller) {
      controller.error(new Error("connection reset"));
    },
  });
  const log = console.error;
  console.error = () => {}; // the 500's stack, expected here
  try {
    const [status] = await errorOf(await post(broken));
    assertEquals(status, 500);
  } finally {
    console.error = log;
  }
});
