import { assertEquals, assertRejects } from "@std/assert";
import { Hono } from "hono";
import { HTTPException } from "hono/http-exception";
import { z } from "zod";
import { InputError } from "../../lib/input_error.ts";
import { describeIssues, fromClient, onError } from "../../routes/errors.ts";

Deno.test("fromClient() turns lib's errors into 400 and 422, and lets bugs through", async () => {
  const status = async (error: Error) => {
    const caught = await assertRejects(() =>
      fromClient(() => {
        throw error;
      })
    );
    return caught instanceof HTTPException ? caught.status : "passed through";
  };
  assertEquals(await status(new TypeError("Cannot x: shape")), 400);
  assertEquals(await status(new SyntaxError("Cannot x: file")), 400);
  assertEquals(await status(new RangeError("Cannot x: range")), 422);
  assertEquals(await status(new Error("a bug")), "passed through");
  assertEquals(await fromClient(() => 5), 5);
});

Deno.test("describeIssues() names each bad field with its path", () => {
  const schema = z.object({ a: z.array(z.number()), b: z.string() });
  const result = schema.safeParse({ a: [1, "x"], b: 3 });
  assertEquals(result.success, false);
  const message = describeIssues(result.error!);
  assertEquals(message.startsWith("Invalid request: a[1]: "), true, message);
  assertEquals(message.includes("; b: "), true, message);
});

Deno.test("onError() answers an InputError with its status, message and headers", async () => {
  const app = new Hono();
  app.get("/", () => {
    throw new InputError(503, "Busy: try again", {
      headers: { "retry-after": "1" },
    });
  });
  app.onError(onError);
  const response = await app.request("/");
  assertEquals(response.status, 503);
  assertEquals(response.headers.get("retry-after"), "1");
  assertEquals(await response.json(), { error: "Busy: try again" });
});
