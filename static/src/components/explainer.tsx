/**
 * A short account of the network: its layers, sigmoid, softmax and batches.
 *
 * @module
 */

import type { Texts } from "./texts.ts";

/** Props of {@linkcode Explainer}. */
export interface ExplainerProps {
  texts: Texts;
}

/** The 784 → 50 → 100 → 10 diagram and a few paragraphs. */
export function Explainer({ texts }: ExplainerProps) {
  return (
    <section class="card explainer" aria-labelledby="explainer-heading">
      <h2 id="explainer-heading">{texts.explainerHeading}</h2>
      <ol class="layers">
        {texts.layers.map((layer) => (
          <li key={layer.size} class="layer">
            <span class="layer-size">{layer.size}</span>
            <span class="layer-name">{layer.name}</span>
            <span class="layer-note">{layer.note}</span>
          </li>
        ))}
      </ol>
      {texts.explainer.map((paragraph, i) => <p key={i}>{paragraph}</p>)}
    </section>
  );
}
