/**
 * The page's calls for its exploring views — a hidden neuron's weights, the
 * test set's labels — kept apart from the prediction calls of api.ts.
 *
 * @module
 */

import { reach } from "./offline.ts";

/** A hidden neuron of the MLP's first layer (`GET /api/models/mlp/neurons/:index`). */
export interface NeuronWeights {
  index: number;
  /** W1[:, index]: 784 weights, row-major 28×28. */
  weights: number[];
  /** b1[index]. */
  bias: number;
}

async function get<T>(path: string, signal?: AbortSignal): Promise<T> {
  const response = await reach(path, { signal });
  const body = await response.json().catch(() => ({}));
  if (!response.ok) {
    throw new Error(body?.error ?? `${response.status} ${response.statusText}`);
  }
  return body as T;
}

const neurons = new Map<number, Promise<NeuronWeights>>();

/**
 * Loads hidden neuron `index` (0–49) of the MLP's first layer, once.
 *
 * @throws {Error} With the server's message when it answers 4xx/5xx.
 */
export function loadNeuron(index: number): Promise<NeuronWeights> {
  let loaded = neurons.get(index);
  if (!loaded) {
    loaded = get<NeuronWeights>(`/api/models/mlp/neurons/${index}`);
    loaded.catch(() => neurons.delete(index));
    neurons.set(index, loaded);
  }
  return loaded;
}

let labels: Promise<Uint8Array> | undefined;

/**
 * Loads the 10,000 test labels (`GET /api/labels`), once.
 *
 * @throws {Error} With the server's message when it answers 4xx/5xx.
 */
export function loadLabels(): Promise<Uint8Array> {
  labels ??= get<{ labels: string }>("/api/labels").then(
    (body) => Uint8Array.from(body.labels, (c) => c.charCodeAt(0) - 48),
    (error) => {
      labels = undefined;
      throw error;
    },
  );
  return labels;
}
