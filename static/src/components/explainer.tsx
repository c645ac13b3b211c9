/**
 * How the network reads a digit, in the order a reader needs it: the
 * 784 → 50 → 100 → 10 overview, three short paragraphs, why softmax outputs
 * are not certainty, and the rest behind a disclosure.
 *
 * @module
 */

import type { Texts } from "../texts/mod.ts";

/** Props of {@linkcode Explainer}. */
export interface ExplainerProps {
  texts: Texts;
}

/** The overview diagram, the key paragraphs and the details on demand. */
export function Explainer({ texts }: ExplainerProps) {
  return (
    <section
      class="card explainer"
      data-testid="explainer"
      aria-labelledby="explainer-heading"
    >
      <h2 id="explainer-heading">{texts.explainerHeading}</h2>
      <p class="explainer-lead">{texts.subtitle}</p>
      <ol class="layers" data-testid="layers">
        {texts.layers.map((layer) => (
          <li key={layer.size} class="layer">
            <span class="layer-size">{layer.size}</span>
            <span class="layer-name">{layer.name}</span>
            <span class="layer-note">{layer.note}</span>
          </li>
        ))}
      </ol>
      {texts.explainer.map((paragraph, i) => <p key={i}>{paragraph}</p>)}
      <p class="not-certainty" data-testid="not-certainty">
        {texts.notCertainty}
      </p>
      <details class="more-details">
        <summary>{texts.moreHeading}</summary>
        {texts.more.map((paragraph, i) => <p key={i}>{paragraph}</p>)}
      </details>
    </section>
  );
}
