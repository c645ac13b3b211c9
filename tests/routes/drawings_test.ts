/**
 * /api/drawings in process: store, read, list, score and delete readers'
 * drawings on an in-memory KV, as the OpenAPI document describes them.
 *
 * @module
 */

import { pixelsFromFloats } from "../../lib/input/mod.ts";
import { assert, assertEquals, assertMatch } from "@std/assert";
import { createApp } from "../../routes/app.ts";
import { errorOf } from "../_app.ts";
import { fixture, keyCount, mnist, models, post } from "./_drawings.ts";

Deno.test("POST /api/drawings stores a labelled drawing with both models' answers: 201, id, token", async () => {
  using f = await fixture();
  const [pixels, label] = await mnist(0);
  const response = await post(f.app, { pixels, label, consent: true });
  assertEquals(response.status, 201);
  assertEquals(response.headers.get("content-type"), "application/json");
  const created = await response.json();
  assertMatch(created.id, /^[0-9a-f-]{36}$/);
  assertEquals(response.headers.get("location"), `/api/drawings/${created.id}`);
  assertMatch(created.deleteToken, /^[A-Za-z0-9_-]{43}$/);
  assertEquals(Object.keys(created.predictions).sort(), ["deep-cnn", "mlp"]);
  // the models read the stored bytes: their answers are those of the API
  const bytes = pixels.map((v) => Math.round(v * 255) / 255);
  for (const name of ["mlp", "deep-cnn"]) {
    const direct = await (await models.get(name)).predict(
      pixelsFromFloats(Float32Array.from(bytes)),
    );
    assertEquals(created.predictions[name].digit, direct.digits[0]);
    assertEquals(created.predictions[name].digit, label);
    const sum = created.predictions[name].probabilities.reduce(
      (a: number, b: number) => a + b,
    );
    assert(Math.abs(sum - 1) < 1e-5);
  }

  const one = await f.app.request(`/api/drawings/${created.id}`);
  assertEquals(one.status, 200);
  const drawing = await one.json();
  assertEquals(drawing.label, label);
  assertEquals(drawing.predictions, created.predictions);
  assertEquals(drawing.pixels.length, 784);
  drawing.pixels.forEach((v: number, i: number) =>
    assert(Math.abs(v - pixels[i]) <= 0.5 / 255 + 1e-7, `pixel ${i}`)
  );
  assertEquals(
    Object.keys(drawing).sort(),
    ["createdAt", "expiresAt", "id", "label", "pixels", "predictions"],
  );
  assertEquals(drawing.expiresAt, created.expiresAt);
});

Deno.test("GET /api/drawings lists newest first, by label, a page at a time, never with a token", async () => {
  using f = await fixture();
  const tokens: string[] = [];
  const ids: string[] = [];
  for (const index of [0, 1, 2, 3, 4]) { // labels 7 2 1 0 4
    const [pixels, label] = await mnist(index);
    const created = await (await post(f.app, { pixels, label, consent: true }))
      .json();
    tokens.push(created.deleteToken);
    ids.push(created.id);
  }
  const all = await f.app.request("/api/drawings?limit=3");
  assertEquals(all.status, 200);
  const first = await all.json();
  assertEquals(first.drawings.map((d: { id: string }) => d.id), [
    ids[4],
    ids[3],
    ids[2],
  ]);
  const rest = await (await f.app.request(
    `/api/drawings?limit=3&cursor=${encodeURIComponent(first.cursor)}`,
  )).json();
  assertEquals(rest.drawings.map((d: { id: string }) => d.id), [
    ids[1],
    ids[0],
  ]);
  assertEquals(rest.cursor, null);

  const sevens = await (await f.app.request("/api/drawings?label=7")).json();
  assertEquals(sevens.drawings.map((d: { id: string }) => d.id), [ids[0]]);
  const nines = await (await f.app.request("/api/drawings?label=9")).json();
  assertEquals(nines, { drawings: [], cursor: null });

  const text = JSON.stringify(first) + JSON.stringify(rest);
  for (const token of tokens) assert(!text.includes(token));
  assert(!/token|hash/i.test(text));
});

Deno.test("DELETE /api/drawings/{id} needs the X-Delete-Token of that drawing: 400, 403, then 204", async () => {
  using f = await fixture();
  const [pixels, label] = await mnist(7);
  const a = await (await post(f.app, { pixels, label, consent: true })).json();
  const b = await (await post(f.app, { pixels, label, consent: true })).json();
  const del = (token?: string) =>
    f.app.request(`/api/drawings/${a.id}`, {
      method: "DELETE",
      headers: token === undefined ? {} : { "x-delete-token": token },
    });

  const [missing, missingError] = await errorOf(await del());
  assertEquals(missing, 400);
  assertMatch(missingError, /X-Delete-Token/);
  const [wrong, wrongError] = await errorOf(await del(b.deleteToken));
  assertEquals(wrong, 403);
  assertMatch(wrongError, /Wrong delete token/);
  assertEquals((await f.app.request(`/api/drawings/${a.id}`)).status, 200);

  const deleted = await del(a.deleteToken);
  assertEquals(deleted.status, 204);
  assertEquals(await deleted.text(), "");
  const [gone] = await errorOf(await f.app.request(`/api/drawings/${a.id}`));
  assertEquals(gone, 404);
  assertEquals((await errorOf(await del(a.deleteToken)))[0], 404);
  assertEquals(
    await keyCount(f.kv),
    4,
    "b's drawing and its three index entries",
  );
});

Deno.test("GET /api/drawings/stats scores each model on readers' drawings beside its MNIST accuracy", async () => {
  using f = await fixture();
  const empty = await (await f.app.request("/api/drawings/stats")).json();
  assertEquals(empty.count, 0);
  assertEquals(empty.models.mlp.accuracy, null);
  assertEquals(empty.models.mlp.mnistAccuracy, 0.9352);
  assertEquals(empty.models["deep-cnn"].mnistAccuracy, 0.9797);
  assertEquals(empty.limits, {
    retentionDays: 90,
    maxDrawings: 10_000,
    writesPerMinute: 0,
  });

  // test image 8 is a 5 the MLP misreads (as 6); labelled right, and once wrong
  const [five, label] = await mnist(8);
  assertEquals(label, 5);
  const answers = [];
  for (const l of [5, 5, 3]) {
    const created = await (await post(f.app, {
      pixels: five,
      label: l,
      consent: true,
    })).json();
    answers.push(created.predictions);
  }
  const stats = await (await f.app.request("/api/drawings/stats")).json();
  assertEquals(stats.count, 3);
  assertEquals(stats.labels, [0, 0, 0, 1, 0, 2, 0, 0, 0, 0]);
  for (const name of ["mlp", "deep-cnn"]) {
    const digit = answers[0][name].digit;
    const correct = [5, 5, 3].filter((l) => l === digit).length;
    assertEquals(stats.models[name].count, 3);
    assertEquals(stats.models[name].correct, correct);
    assertEquals(stats.models[name].accuracy, correct / 3);
    assertEquals(stats.models[name].confusion[5][digit], 2);
    assertEquals(stats.models[name].confusion[3][digit], 1);
  }
  assert(stats.models.mlp.correct < stats.models["deep-cnn"].correct);
});

Deno.test("50 concurrent POST /api/drawings: every drawing listed once, and the stats add up", async () => {
  using f = await fixture();
  const images = await Promise.all(
    Array.from({ length: 50 }, (_, i) => mnist(100 + i)),
  );
  const start = performance.now();
  const responses = await Promise.all(
    images.map(([pixels, label]) =>
      post(f.app, { pixels, label, consent: true })
    ),
  );
  const created = await Promise.all(responses.map((r) => r.json()));
  const ms = performance.now() - start;
  console.log(`50 concurrent drawings stored in ${ms.toFixed(0)} ms`);
  assertEquals(responses.map((r) => r.status), Array(50).fill(201));
  const ids = created.map((c) => c.id);
  assertEquals(new Set(ids).size, 50);

  const listed = await (await f.app.request("/api/drawings?limit=100")).json();
  assertEquals(listed.drawings.length, 50);
  assertEquals(
    new Set(listed.drawings.map((d: { id: string }) => d.id)),
    new Set(ids),
  );
  assertEquals(await keyCount(f.kv), 200);

  const stats = await (await f.app.request("/api/drawings/stats")).json();
  assertEquals(stats.count, 50);
  const labels = Array(10).fill(0);
  for (const [, label] of images) labels[label]++;
  assertEquals(stats.labels, labels);
  for (const name of ["mlp", "deep-cnn"]) {
    const correct = created.filter((c, i) =>
      c.predictions[name].digit === images[i][1]
    ).length;
    assertEquals(stats.models[name].correct, correct);
    assertEquals(
      stats.models[name].confusion.flat().reduce(
        (a: number, b: number) => a + b,
      ),
      50,
    );
  }
});

Deno.test("/api/openapi.json documents the drawing routes; without a store they are not served", async () => {
  using f = await fixture();
  const doc = await (await f.app.request("/api/openapi.json")).json();
  assert(doc.paths["/api/drawings"].post);
  assert(doc.paths["/api/drawings"].get);
  assert(doc.paths["/api/drawings/stats"].get);
  assert(doc.paths["/api/drawings/{id}"].get);
  assert(doc.paths["/api/drawings/{id}"].delete);
  const request = doc.components.schemas.DrawingRequest;
  assertEquals(Object.keys(request.properties), ["pixels", "label", "consent"]);
  assertEquals(request.additionalProperties, false);
  assert(
    doc.paths["/api/drawings"].post.responses["429"].headers["retry-after"],
  );

  // the cursor's form, in the query and in the page, and a real one in it
  const [cursor] = doc.paths["/api/drawings"].get.parameters.filter((
    p: { name: string },
  ) => p.name === "cursor");
  const page = doc.components.schemas.DrawingPage.properties.cursor;
  for (const { schema, description } of [cursor, page]) {
    assertEquals(
      (schema ?? page).pattern,
      "^(\\d{1,15})_([0-9a-f-]{36})$",
    );
    assertMatch(description ?? page.description, /`<createdAt>_<id>`.*UUID/);
  }
  const [pixels, label] = await mnist(0);
  for (let i = 0; i < 2; i++) {
    await (await post(f.app, { pixels, label, consent: true })).body?.cancel();
  }
  const first = await (await f.app.request("/api/drawings?limit=1")).json();
  assertMatch(first.cursor, new RegExp(cursor.schema.pattern));

  const bare = createApp({ models });
  const [status] = await errorOf(await bare.request("/api/drawings/stats"));
  assertEquals(status, 404);
});
