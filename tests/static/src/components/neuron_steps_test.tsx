import { assertEquals, assertMatch, assertStringIncludes } from "@std/assert";
import { renderToString } from "preact-render-to-string";
import {
  BOOK_PROBABILITIES,
  NeuronSteps,
} from "../../../../static/src/components/neuron_steps.tsx";
import { TEXTS } from "../../../../static/src/texts/mod.ts";
import { BOOK_IMAGE_11 } from "../../../_data.ts";

Deno.test("the section starts on the book's test image 11, neuron 0, before its weights come", () => {
  const html = renderToString(<NeuronSteps texts={TEXTS.ko} pad={null} />);
  assertMatch(html, /^<section class="card steps" data-testid="neuron-steps"/);
  assertStringIncludes(html, "뉴런 하나, 한 단계씩");
  assertMatch(
    html,
    /type="radio"[^>]*checked[^>]*data-testid="steps-source-test"/,
  );
  assertMatch(html, /value="11"[^>]*data-testid="steps-image"/);
  assertMatch(html, /value="0"[^>]*data-testid="steps-neuron"/);
  // nothing on the pad: its choice is off
  assertMatch(html, /disabled[^>]*data-testid="steps-source-pad"/);
  assertStringIncludes(html, 'data-testid="steps-loading"');
});

Deno.test("the book's printed probabilities are its numbers for image 11, to their digits", () => {
  BOOK_PROBABILITIES.forEach((printed, digit) => {
    const digits = printed.split("e")[0].replace(/\D/g, "").length;
    assertEquals(
      Number(printed).toPrecision(digits),
      BOOK_IMAGE_11[digit].toPrecision(digits),
      String(digit),
    );
  });
});
