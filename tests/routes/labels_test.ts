import { assertEquals } from "@std/assert";
import { testApp } from "../_app.ts";
import { testImages } from "../_data.ts";

Deno.test("GET /api/labels is the 10,000 test labels as digits, in order", async () => {
  const response = await testApp().request("/api/labels");
  assertEquals(response.status, 200);
  assertEquals(response.headers.get("content-type"), "application/json");
  const body = await response.json();
  const [, labels] = await testImages();
  assertEquals(body.labels.length, 10000);
  assertEquals(body.labels, Array.from(labels.data, String).join(""));
  // the book's image 11 is a 6; the first ones are 7, 2, 1, 0
  assertEquals([body.labels.slice(0, 4), body.labels[11]], ["7210", "6"]);
});
