import { assert, assertEquals } from "@std/assert";
import { h } from "preact";
import { renderToString } from "preact-render-to-string";
import { memo, sameProps } from "../../../../static/src/components/memo.ts";

Deno.test("sameProps compares each prop by identity, and the set of props", () => {
  const texts = { title: "x" };
  const onDraw = () => {};
  assert(sameProps({ texts, onDraw }, { texts, onDraw }));
  assert(sameProps({ n: NaN }, { n: NaN }));
  assert(!sameProps({ texts }, { texts: { ...texts } }), "a copy is a change");
  assert(!sameProps({ texts }, { texts, onDraw }), "a prop more");
  assert(!sameProps({ texts, onDraw: undefined }, { texts, extra: undefined }));
});

Deno.test("a memo component renders what its component renders", () => {
  const Greeting = ({ name }: { name: string }) => h("p", null, `hi ${name}`);
  const Memo = memo(Greeting);
  assertEquals(Memo.name, "Memo(Greeting)");
  assertEquals(renderToString(h(Memo, { name: "Ann" })), "<p>hi Ann</p>");
});

Deno.test("a memo component skips a render when no prop changed", () => {
  const Memo = memo(() => null) as unknown as new (props: object) => {
    props: object;
    shouldComponentUpdate(next: object): boolean;
  };
  const texts = {};
  const component = new Memo({ texts });
  component.props = { texts };
  assert(!component.shouldComponentUpdate({ texts }));
  assert(component.shouldComponentUpdate({ texts: {} }));
});
