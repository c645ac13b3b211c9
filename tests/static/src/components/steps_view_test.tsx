import { assertEquals, assertMatch, assertStringIncludes } from "@std/assert";
import { renderToString } from "preact-render-to-string";
import {
  MLP_WEIGHTS_FILE,
  readMlpWeights,
} from "../../../../lib/assets/mod.ts";
import {
  forwardPass,
  neuronSum,
} from "../../../../static/src/forward_steps.ts";
import {
  fixed,
  scientific,
  StepsView,
} from "../../../../static/src/components/steps_view.tsx";
import { BOOK_PROBABILITIES } from "../../../../static/src/components/neuron_steps.tsx";
import { LANGS, TEXTS } from "../../../../static/src/texts/mod.ts";
import { testImages } from "../../../_data.ts";

const layers = readMlpWeights(await Deno.readFile(MLP_WEIGHTS_FILE));
const [images] = await testImages();
const x = images.data.subarray(11 * 784, 12 * 784);

Deno.test("scientific() prints as numpy does; fixed() keeps 7 decimals", () => {
  assertEquals(scientific(0.91198188), "9.119819e-01");
  assertEquals(scientific(2.6870526e-3), "2.687053e-03");
  assertEquals(scientific(1), "1.000000e+00");
  assertEquals(scientific(1.5e12), "1.500000e+12");
  assertEquals(fixed(-4.73678350448), "-4.7367835");
});

Deno.test("the steps show each line of the book's code beside its numbers", () => {
  const pass = forwardPass(layers, x);
  const neuron = neuronSum(x, layers, 3);
  const html = renderToString(
    <StepsView
      texts={TEXTS.en}
      pass={pass}
      neuron={neuron}
      pixels={x}
      input="x[11]"
      book={BOOK_PROBABILITIES}
    />,
  );
  for (
    const line of [
      "y = predict(network, x[11])",
      "a1 = np.dot(x, W1) + b1",
      "z1 = sigmoid(a1)",
      "return 1 / (1 + np.exp(-x))",
      "a2 = np.dot(z1, W2) + b2",
      "a3 = np.dot(z2, W3) + b3",
      "c = np.max(a)",
      "exp_a = np.exp(a - c)",
      "sum_exp_a = np.sum(exp_a)",
      "y = exp_a / sum_exp_a",
      "p = np.argmax(y)",
    ]
  ) {
    assertStringIncludes(html, `${line}`);
  }
  const { sum, bias, a } = neuron;
  assertStringIncludes(
    html,
    `Σ x·W1[:, 3] = ${fixed(sum)}</code> <code>+ b1[3] = ${
      fixed(bias)
    }</code> <code>→ a1[3] = ${fixed(a)}`,
  );
  assertEquals(html.match(/data-column="a3"/g)?.length, 10);
  assertMatch(
    html,
    /<tr class="chosen"><th scope="row">6<\/th><td data-column="a3">[\d.]+<\/td><td>0\.0000000<\/td><td>1\.000000e\+00<\/td><td data-column="y">9\.11981\de-01<\/td><td data-column="book">9\.1198e-01<\/td>/,
  );
  // all 172 terms and all 50 sums wait, folded, until the reader opens them
  assertMatch(
    html,
    /<details class="steps-more" data-testid="steps-terms"><summary>All 172 terms<\/summary><\/details>/,
  );
  assertMatch(
    html,
    /<details class="steps-more" data-testid="steps-layer1"><summary>[^<]+<\/summary><\/details>/,
  );
  // z1[j] with the sign of a1[j] turned: exp(−a)
  assertStringIncludes(
    html,
    `z1[3] = sigmoid(${fixed(a)}) = 1 / (1 + exp(${fixed(-a)})) = ${
      fixed(neuron.z)
    }`,
  );
});

Deno.test("without the book's numbers there is no book column, in every language", () => {
  const pass = forwardPass(layers, x);
  const neuron = neuronSum(x, layers, 0);
  for (const lang of LANGS) {
    const html = renderToString(
      <StepsView
        texts={TEXTS[lang]}
        pass={pass}
        neuron={neuron}
        pixels={x}
        input="x"
        book={null}
      />,
    );
    assertEquals(html.includes('data-column="book"'), false, lang);
    assertStringIncludes(
      html,
      TEXTS[lang].steps.answer(6, scientific(pass.softmax.y[6])),
    );
  }
});
