// The served models at run time: each one's session opened once, in the
// background, so a server can listen before the network is loaded.

import { describeModel, type ModelInfo } from "../convert/model_info.ts";
import { MODELS, modelSpec, readReport } from "./models.ts";
import type { Report } from "../evaluate/report.ts";
import { type BatchingOptions, createBatcher } from "./batcher.ts";
import { createSession, type Prediction, type Session } from "./session.ts";
import type { Tensor } from "../tensor.ts";

/** A served model: its session (once loaded), structure and report. */
export interface LoadedModel {
  name: string;
  title: string;
  imageShape: number[];
  session: Session;
  /** Predicts through the dynamic batcher (no extra outputs; for those, use `session`). */
  predict(pixels: Tensor | Float32Array): Promise<Prediction>;
  info: ModelInfo;
  report: Report;
}

/** Options of {@linkcode ModelRegistry}. */
export interface RegistryOptions {
  /** How `LoadedModel.predict` coalesces concurrent requests (batching on, with the defaults, when omitted). */
  batching?: BatchingOptions;
}

/** Opens every model in the background; `get` waits for the one asked for. */
export class ModelRegistry {
  #loading = new Map<string, Promise<LoadedModel>>();
  #loaded = new Map<string, LoadedModel>();
  #batching: BatchingOptions;

  /** Starts loading the named models (all served models by default). */
  constructor(
    names: string[] = Object.keys(MODELS),
    options: RegistryOptions = {},
  ) {
    this.#batching = options.batching ?? {};
    for (const name of names) {
      const loading = this.#load(name);
      // a failure is reported by get() and health, not as an unhandled rejection
      loading.catch((error) =>
        console.error(`model ${name} failed to load:`, error)
      );
      this.#loading.set(name, loading);
    }
  }

  async #load(name: string): Promise<LoadedModel> {
    const spec = modelSpec(name);
    const [bytes, report] = await Promise.all([
      Deno.readFile(spec.file),
      readReport(name),
    ]);
    const session = await createSession({
      name,
      model: bytes,
      imageShape: spec.imageShape,
    });
    const batcher = createBatcher({ ...this.#batching, session });
    const model = {
      name,
      title: spec.title,
      imageShape: spec.imageShape,
      session,
      predict: batcher.predict,
      info: describeModel(bytes),
      report,
    };
    this.#loaded.set(name, model);
    return model;
  }

  /** The names of the served models. */
  get names(): string[] {
    return [...this.#loading.keys()];
  }

  /** Whether a model is served here. */
  has(name: string): boolean {
    return this.#loading.has(name);
  }

  /** Whether a model has finished loading. */
  isReady(name: string): boolean {
    return this.#loaded.has(name);
  }

  /**
   * The loaded model, waiting for it to load if need be.
   *
   * @throws {RangeError} When no model of that name is served.
   */
  async get(name: string): Promise<LoadedModel> {
    const loading = this.#loading.get(name);
    if (!loading) {
      throw new RangeError(
        `Cannot find model ${JSON.stringify(name)}: served models are ${
          this.names.join(", ") || "none"
        }`,
      );
    }
    return await loading;
  }

  /** Releases every loaded session. */
  async close(): Promise<void> {
    for (const model of this.#loaded.values()) await model.session.release();
  }
}
