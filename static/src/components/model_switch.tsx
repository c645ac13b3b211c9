/**
 * The choice of the model that answers: the chapter-3 MLP or the chapter-8
 * DeepConvNet, as two toggle buttons (Tab, Enter and Space work as usual).
 *
 * @module
 */

import { MODEL_NAMES, type ModelName } from "../api.ts";
import type { Texts } from "../texts/mod.ts";

/** Props of {@linkcode ModelSwitch}. */
export interface ModelSwitchProps {
  texts: Texts;
  model: ModelName;
  onChoose(model: ModelName): void;
}

/** One button per served model; the chosen one is pressed. */
export function ModelSwitch({ texts, model, onChoose }: ModelSwitchProps) {
  return (
    <div class="model-switch" role="group" aria-labelledby="model-label">
      <span id="model-label" class="model-label">{texts.modelLabel}</span>
      <div class="segments">
        {MODEL_NAMES.map((name) => (
          <button
            key={name}
            type="button"
            class="segment"
            data-testid={`model-${name}`}
            aria-pressed={name === model}
            onClick={() => onChoose(name)}
          >
            <strong>{texts.models[name].name}</strong>
            <span>{texts.models[name].note}</span>
          </button>
        ))}
      </div>
    </div>
  );
}
