/**
 * "Run the test set": the book's accuracy loop (chapter 3.6.3) over the
 * 10,000 test images, on this device or through the API
 * (test_set_runner.ts), with the book's lines beside it — the one running
 * marked — a live count of correct answers, and images per second for each
 * batch size tried, so the reader sees what batching buys.
 *
 * @module
 */

import { useEffect, useState } from "preact/hooks";
import { count, megabytes, type Texts } from "../texts/mod.ts";
import { pageFiles } from "../page_files.ts";
import {
  BATCH_SIZES,
  type RunPhase,
  type RunPlace,
  runPlace,
  SMALLEST_API_BATCH,
} from "../test_set_runner.ts";
import { Bar } from "./bar.tsx";
import { useEngine } from "./use_engine.ts";
import { type TestRunState, type Timing, useTestRun } from "./use_test_run.ts";

/** The book's loop (ch03/neuralnet_mnist_batch.py), and when each line runs. */
function bookLines(batchSize: number): [string, RunPhase | null][] {
  return [
    ["x, t = get_data()", "data"],
    ["network = init_network()", "network"],
    [`batch_size = ${batchSize}`, null],
    ["accuracy_cnt = 0", null],
    ["for i in range(0, len(x), batch_size):", null],
    ["    x_batch = x[i:i+batch_size]", null],
    ["    y_batch = predict(network, x_batch)", "loop"],
    ["    p = np.argmax(y_batch, axis=1)", null],
    ["    accuracy_cnt += np.sum(p == t[i:i+batch_size])", null],
    ['print("Accuracy:" + str(float(accuracy_cnt) / len(x)))', "done"],
  ];
}

/** The book's lines, the one running now marked. */
function BookLoop(
  props: { texts: Texts; batchSize: number; phase: RunPhase | null },
) {
  return (
    <figure class="test-run-code">
      <figcaption class="muted">{props.texts.testRun.code}</figcaption>
      <pre data-testid="test-run-code"><code>{bookLines(props.batchSize).map(([line, phase]) => {
        const running = phase !== null && phase === props.phase;
        return (
          <span class={running ? "line running" : "line"} data-running={running ? "" : undefined}>
            {line}
          </span>
        );
      })}</code></pre>
    </figure>
  );
}

/**
 * Images per second by batch size: a row for each, the fastest bar full
 * width. Every row is there from the start, each in a box of its own size,
 * so a run's end redraws a row, not the page.
 */
function TimingChart({ texts, timings }: { texts: Texts; timings: Timing[] }) {
  const words = texts.testRun;
  const fastest = Math.max(1, ...timings.map((t) => t.perSecond));
  return (
    <figure class="test-run-timings">
      <figcaption>{words.timingHeading}</figcaption>
      <ul>
        {BATCH_SIZES.map((size) => {
          const t = timings.find((t) => t.batchSize === size);
          if (!t) {
            return <li key={size} class="muted">{words.untried(size)}</li>;
          }
          return (
            <li
              key={size}
              data-testid="batch-timing"
              data-batch-size={size}
              data-images-per-second={Math.round(t.perSecond)}
              data-where={t.where}
            >
              <span>
                {words.timing(size, t.perSecond, words.where[t.where])}
              </span>
              <Bar fraction={t.perSecond / fastest} />
            </li>
          );
        })}
      </ul>
    </figure>
  );
}

/** float(accuracy_cnt) / len(x) as Python's str() prints it (both print the shortest). */
function accuracyOf(correct: number, total: number): string {
  return String(total ? correct / total : 0);
}

/** Props of the section's parts. */
interface PartProps {
  texts: Texts;
  state: TestRunState;
}

/** The batch size, the button (the file's size beside it), Cancel, and where it runs. */
function Controls(
  props: PartProps & { file: TestSetUrl | null; place: RunPlace },
) {
  const { texts: { testRun: words }, state, file, place } = props;
  const tooSmall = place === "server" &&
    state.batchSize < SMALLEST_API_BATCH;
  return (
    <>
      <div class="test-run-controls">
        <label>
          {words.batchSize}
          <select
            data-testid="batch-size"
            value={String(state.batchSize)}
            disabled={state.running}
            onChange={(event) =>
              state.setBatchSize(Number(event.currentTarget.value))}
          >
            {BATCH_SIZES.map((size) => (
              <option value={String(size)}>{count(size)}</option>
            ))}
          </select>
        </label>
        <button
          type="button"
          class="button button-accent"
          data-testid="run-test-set"
          disabled={!file || state.running || tooSmall}
          onClick={state.run}
        >
          {words.run}
        </button>
        {file && (
          <span class="muted" data-testid="test-set-size">{file.size}</span>
        )}
        <button
          type="button"
          class="button"
          data-testid="cancel-test-set"
          disabled={!state.running}
          onClick={state.cancel}
        >
          {words.cancel}
        </button>
        <span class="muted" data-testid="test-run-place" data-place={place}>
          {words.where[place]}
        </span>
      </div>
      {tooSmall && (
        <p class="muted">{words.serverBatches(SMALLEST_API_BATCH)}</p>
      )}
    </>
  );
}

/**
 * The progress bar, the count of correct answers (at most once a frame) and
 * a run's end, said once: where it stopped, or (to screen readers) its count.
 * One box of a fixed size, there from the start: what changes in it while a
 * run goes does not lay the page out again.
 */
function Counter({ texts, state }: PartProps) {
  const { progress, finished } = state;
  const words = texts.testRun;
  const { total = 0, done = 0, correct = 0 } = progress ?? {};
  return (
    <div class="test-run-progress">
      <div
        class="test-run-bar"
        role="progressbar"
        aria-label={words.progress}
        aria-valuemin={0}
        aria-valuemax={total || undefined}
        aria-valuenow={total ? done : undefined}
        data-testid="test-set-progress"
      >
        {/* no style before a run: the server's page carries no inline style (CSP) */}
        <span
          style={total ? { transform: `scaleX(${done / total})` } : undefined}
        />
      </div>
      {progress?.phase === "data" && <p class="muted">{words.loading}</p>}
      {total > 0 && (
        <p
          class="test-run-count"
          data-testid="test-set-accuracy"
          data-correct={correct}
          data-done={done}
        >
          {words.counter(correct, total, accuracyOf(correct, total))}
        </p>
      )}
      <p class="muted" role="status" data-testid="test-run-outcome">
        {finished?.cancelled && words.cancelled(finished.done)}
        {finished && !finished.cancelled && (
          <span class="visually-hidden">
            {words.counter(
              finished.correct,
              finished.total,
              accuracyOf(finished.correct, finished.total),
            )}
          </span>
        )}
      </p>
    </div>
  );
}

/** The test set's URL and its size as sent, once the page is in a browser. */
interface TestSetUrl {
  url: string;
  size: string;
}

/** The file's URL and size from the page's assets, after hydration (the server renders none). */
function useTestSetUrl(): TestSetUrl | null {
  const [file, setFile] = useState<TestSetUrl | null>(null);
  useEffect(() => {
    const files = pageFiles();
    if (!files?.testSet) return;
    setFile({
      url: files.testSet,
      size: megabytes(files.sizes.testSet.sent),
    });
  }, []);
  return file;
}

/** The section: the choice, the button, the count, the code and the chart. */
export function TestRun({ texts }: { texts: Texts }) {
  const file = useTestSetUrl();
  useEngine(); // the place follows the engine: re-rendered when it changes
  const place = runPlace();
  const state = useTestRun(file?.url);
  const words = texts.testRun;
  return (
    <section
      class="card test-run"
      data-testid="test-run"
      aria-labelledby="test-run-heading"
    >
      <div class="section-head">
        <h2 id="test-run-heading">{words.heading}</h2>
        <span class="muted">{words.note}</span>
      </div>
      <p>{words.intro}</p>
      <Controls texts={texts} state={state} file={file} place={place} />
      <Counter texts={texts} state={state} />
      {state.error && (
        <p class="error" role="alert">{texts.error(state.error)}</p>
      )}
      <BookLoop
        texts={texts}
        batchSize={state.batchSize}
        phase={state.running ? state.progress?.phase ?? "data" : null}
      />
      <TimingChart texts={texts} timings={state.timings} />
    </section>
  );
}
