import { assert, assertEquals } from "@std/assert";
import {
  createPacer,
  type Read,
  THROTTLE_MS,
} from "../../../../static/src/components/pacing.ts";

/** A pacer whose sends are recorded and settle when the test says. */
function recorded(onDevice: boolean, finished?: (name: string) => boolean) {
  const sent: string[] = [];
  const arrivals: (() => void)[] = [];
  const names = new Map<Read, string>();
  const pacer = createPacer({
    send(read, final) {
      sent.push(`${names.get(read)}${final ? " (final)" : ""}`);
      return new Promise<void>((resolve) => arrivals.push(resolve));
    },
    onDevice: () => onDevice,
    finish: finished && ((read) => finished(names.get(read)!)),
  });
  const drawing = (name: string): Read => {
    const read: Read = () => [];
    names.set(read, name);
    return read;
  };
  return { pacer, sent, arrivals, drawing };
}

/** Animation frames run when the test says. */
function frames() {
  const waiting = new Map<number, FrameRequestCallback>();
  let id = 0;
  globalThis.requestAnimationFrame = (callback) => {
    waiting.set(++id, callback);
    return id;
  };
  globalThis.cancelAnimationFrame = (handle) => void waiting.delete(handle);
  return () => {
    const now = [...waiting.values()];
    waiting.clear();
    now.forEach((callback) => callback(performance.now()));
  };
}

async function until(condition: () => boolean) {
  while (!condition()) await new Promise((r) => setTimeout(r, 10));
}

Deno.test("on the device, a drawing is read once per animation frame, the newest", async () => {
  const runFrame = frames();
  const { pacer, sent, arrivals, drawing } = recorded(true);
  pacer.drew(drawing("a"), false);
  pacer.drew(drawing("b"), false);
  assertEquals(sent, []);
  runFrame();
  assertEquals(sent, ["b"]);
  arrivals[0]();
  await until(() => !pacer.waiting());
  pacer.drew(drawing("c"), false);
  runFrame();
  assertEquals(sent, ["b", "c"]);
});

Deno.test("on the device, one reading at a time: a stroke's end goes at once", () => {
  const runFrame = frames();
  const { pacer, sent, drawing } = recorded(true);
  pacer.drew(drawing("a"), false);
  runFrame();
  pacer.drew(drawing("b"), false);
  runFrame();
  assertEquals(sent, ["a"], "b waits while a is read");
  assert(pacer.waiting());
  // no frame, no waiting for a: the stroke's end replaces b
  pacer.drew(drawing("c"), true);
  assertEquals(sent, ["a", "c (final)"]);
  assert(!pacer.waiting());
  runFrame();
  assertEquals(sent, ["a", "c (final)"]);
});

Deno.test("on the device, a stroke that ends where the last reading stood is not read again", async () => {
  const runFrame = frames();
  const finished: string[] = [];
  const { pacer, sent, arrivals, drawing } = recorded(true, (name) => {
    if (name !== "a") return false;
    finished.push(name);
    return true;
  });
  pacer.drew(drawing("a"), false);
  runFrame();
  pacer.drew(drawing("a"), true);
  assertEquals(finished, ["a"]);
  assertEquals(sent, ["a"], "the reading on its way counts as the stroke's");
  assert(!pacer.waiting());
  arrivals[0]();
  await new Promise((r) => setTimeout(r, 10));
  runFrame();
  assertEquals(sent, ["a"]);
  // a stroke that ends elsewhere is read as always
  pacer.drew(drawing("b"), true);
  assertEquals(sent, ["a", "b (final)"]);
  assertEquals(finished, ["a"]);
});

Deno.test("a pen move after a stroke's end waits for its frame", () => {
  const runFrame = frames();
  const { pacer, sent, drawing } = recorded(true);
  pacer.drew(drawing("a"), true);
  pacer.drew(drawing("b"), false);
  assertEquals(sent, ["a (final)"]);
  runFrame();
  assertEquals(sent, ["a (final)"], "b waits while a is read");
  assert(pacer.waiting());
});

Deno.test("cancel() forgets the drawing waiting for its frame", () => {
  const runFrame = frames();
  const { pacer, sent, drawing } = recorded(true);
  pacer.drew(drawing("a"), false);
  pacer.cancel();
  runFrame();
  assertEquals(sent, []);
});

Deno.test("through the API, the newest drawing waits for the request travelling", async () => {
  const { pacer, sent, arrivals, drawing } = recorded(false);
  pacer.drew(drawing("a"), false);
  assertEquals(sent, ["a"]);
  pacer.drew(drawing("b"), false);
  pacer.drew(drawing("c"), false);
  // the throttle's turn comes and goes: "a" still travels
  await new Promise((r) => setTimeout(r, THROTTLE_MS + 20));
  assertEquals(sent, ["a"]);
  arrivals[0]();
  await until(() => sent.length === 2);
  assertEquals(sent, ["a", "c"]);
  arrivals[1]();
});

Deno.test("through the API, the end of a stroke goes at once", async () => {
  const { pacer, sent, arrivals, drawing } = recorded(false);
  pacer.drew(drawing("a"), false);
  pacer.drew(drawing("b"), false);
  pacer.drew(drawing("c"), true);
  assertEquals(sent, ["a", "c (final)"]);
  arrivals.forEach((arrive) => arrive());
  // nothing waits any more: "b" was replaced by the stroke's end
  await new Promise((r) => setTimeout(r, THROTTLE_MS + 20));
  assertEquals(sent, ["a", "c (final)"]);
});
