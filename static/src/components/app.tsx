/**
 * The whole page: rendered on the server, hydrated in the browser with the
 * same props (read from the page's JSON data island). Phone first: the
 * verdict, the pad and its buttons fit the first screen; the rest appears
 * once it has something to show, overview before details.
 *
 * @module
 */

import {
  useCallback,
  useEffect,
  useMemo,
  useRef,
  useState,
} from "preact/hooks";
import type { Report } from "../../../lib/evaluate/report.ts";
import { type Doubt, doubt } from "../../../lib/reading/doubt.ts";
import type { ModelName } from "../api.ts";
import { CompareRow } from "./compare_row.tsx";
import { DrawPad, type PadHandle } from "./draw_pad.tsx";
import { EngineLine } from "./engine_line.tsx";
import { ENGINE_TEXTS } from "./engine_texts.ts";
import { Explainer } from "./explainer.tsx";
import { Feedback } from "./feedback.tsx";
import { ForwardPass } from "./forward_pass.tsx";
import { BOOK_EXAMPLE, type CellFilter, Gallery } from "./gallery.tsx";
import { InputView } from "./input_view.tsx";
import { Lab } from "./lab.tsx";
import { isLang, type Lang, LANG_STORAGE_KEY } from "./lang.ts";
import { ModelSwitch } from "./model_switch.tsx";
import { ProbabilityBars } from "./probability_bars.tsx";
import { ReadersDrawings } from "./readers_drawings.tsx";
import { ReportView } from "./report_view.tsx";
import { TEXTS } from "./texts.ts";
import { usePrediction } from "./use_prediction.ts";
import { useReaders } from "./use_readers.ts";
import { useReport } from "./use_report.ts";
import { Reasons, Verdict } from "./verdict.tsx";

/** Props of {@linkcode App}: everything the server knows that the page shows. */
export interface AppProps {
  lang: Lang;
  /** The default model's (the MLP's) report; the others are fetched when chosen. */
  report: Report;
}

/** Applies a remembered language choice unless the address names one. */
function useLang(initial: Lang) {
  const [lang, setLang] = useState(initial);
  useEffect(() => {
    let saved: string | null = null;
    try {
      saved = localStorage.getItem(LANG_STORAGE_KEY);
    } catch { /* storage blocked: keep the server's choice */ }
    const named = new URLSearchParams(location.search).has("lang");
    if (isLang(saved) && !named) setLang(saved);
  }, []);
  useEffect(() => {
    document.documentElement.lang = lang;
    document.title = TEXTS[lang].title;
  }, [lang]);
  const choose = (next: Lang) => {
    setLang(next);
    try {
      localStorage.setItem(LANG_STORAGE_KEY, next);
    } catch { /* not remembered, still switched */ }
    const url = new URL(location.href);
    if (url.searchParams.has("lang")) {
      url.searchParams.set("lang", next);
      history.replaceState(null, "", url);
    }
  };
  return [lang, choose] as const;
}

/** Scrolls an element into view, smoothly unless the reader asked for less motion. */
function bringIntoView(element: HTMLElement, block: ScrollLogicalPosition) {
  const still = matchMedia("(prefers-reduced-motion: reduce)").matches;
  element.scrollIntoView({ block, behavior: still ? "auto" : "smooth" });
}

/** The demo page. */
export function App(props: AppProps) {
  const [lang, setLang] = useLang(props.lang);
  const texts = TEXTS[lang];
  const [model, setModel] = useState<ModelName>("mlp");
  const prediction = usePrediction(model);
  const shown = useReport(model, props.report);
  const readers = useReaders();
  const pad = useRef<PadHandle | null>(null);
  const verdict = useRef<HTMLDivElement>(null);
  const [trace, setTrace] = useState<ArrayLike<number> | null>(null);
  const [filter, setFilter] = useState<CellFilter | null>(null);
  const [announcement, setAnnouncement] = useState("");
  // counts the drawings whose stroke has ended and been read: the lab follows these
  const [settled, setSettled] = useState(0);
  // a stroke ended or a test image was chosen: announce the next answer once
  const announce = useRef(false);
  const { answers, source, input, busy } = prediction;
  const answer = answers?.[model] ?? null;
  const other: Lang = lang === "ko" ? "en" : "ko";

  // the unsure state is judged on both models' answers to the same input: while
  // only the shown model has answered (on the device, for a frame) it stays
  const judged = useRef<Doubt | null>(null);
  const reading = useMemo(() => {
    if (prediction.partial) return judged.current;
    if (!answers || !input) return judged.current = null;
    const readings = Object.fromEntries(
      Object.entries(answers).map(([name, a]) => [name, a.probabilities]),
    );
    const extent = source?.kind === "drawing"
      ? pad.current?.extent()
      : undefined;
    return judged.current = doubt({ readings, pixels: input, extent });
  }, [answers, input, source, prediction.partial]);

  useEffect(() => {
    if (!announce.current || busy || !answer || prediction.partial) return;
    announce.current = false;
    const name = texts.models[model].name;
    const text = reading?.unsure
      ? texts.announceUnsure(name, answer.digit)
      : texts.announce(name, answer.digit, answer.probabilities[answer.digit]);
    // the same words twice are still news: a no-break space tells them apart
    setAnnouncement((last) => last === text ? `${text}\u00a0` : text);
    if (source?.kind === "drawing") setSettled((n) => n + 1);
  }, [answers, busy, prediction.partial]);

  const drew = (read: () => ArrayLike<number> | null, final: boolean) => {
    if (final) announce.current = true;
    prediction.drew(read, final);
  };

  const cleared = () => {
    announce.current = false;
    setSettled(0);
    prediction.reset();
  };

  const { choose: show } = prediction;
  const choose = useCallback((index: number) => {
    pad.current?.wipe();
    setTrace(null);
    setSettled(0);
    announce.current = true;
    show(index);
    // the eye goes to the answer: so does the focus
    const element = verdict.current;
    if (element) {
      element.focus({ preventScroll: true });
      bringIntoView(
        element.closest(".play") as HTMLElement ?? element,
        "start",
      );
    }
  }, [show]);

  const traceOver = () => {
    if (!input) return;
    setTrace(Array.from(input));
    pad.current?.wipe();
    cleared();
  };

  const openCell = useCallback((label: number, predicted: number) => {
    setFilter({ label, predicted });
    requestAnimationFrame(() => {
      const heading = document.getElementById("gallery-heading");
      if (!heading) return;
      heading.focus({ preventScroll: true });
      bringIntoView(heading, "start");
    });
  }, []);
  const clearFilter = useCallback(() => setFilter(null), []);

  const { forward } = prediction;
  // the strips change when both models have answered, not with the first answer
  const forwardPass = useMemo(() => (
    <ForwardPass
      texts={texts}
      input={forward?.input ?? null}
      activations={forward?.activations ?? null}
      probabilities={forward?.probabilities ?? null}
    />
  ), [texts, forward]);
  const selected = source?.kind === "test" ? source.index : null;
  // the same elements while the pen moves: Preact skips them on every answer
  const below = useMemo(() => (
    <>
      <ReportView
        texts={texts}
        {...shown}
        chosen={filter}
        onCell={openCell}
      />
      <Gallery
        texts={texts}
        report={shown.report}
        selected={selected}
        onChoose={choose}
        filter={filter}
        onClearFilter={clearFilter}
      />
      <ReadersDrawings texts={texts} {...readers} />
    </>
  ), [
    texts,
    shown.report,
    shown.loading,
    shown.error,
    filter,
    openCell,
    selected,
    choose,
    clearFilter,
    readers.stats,
    readers.error,
    readers.version,
  ]);

  const strokes = source?.kind === "drawing" && settled > 0
    ? pad.current?.strokes()
    : null;

  return (
    <div class="page">
      <header class="top">
        <h1>{texts.title}</h1>
        <button
          type="button"
          class="button lang"
          data-testid="lang"
          lang={other}
          aria-label={texts.switchAria}
          onClick={() => setLang(other)}
        >
          {texts.switchLabel}
        </button>
      </header>
      <main>
        <section
          class="card play"
          aria-labelledby="draw-heading"
          aria-busy={busy}
        >
          <h2 id="draw-heading" class="visually-hidden">
            {texts.drawHeading}
          </h2>
          <div class="play-verdict">
            <Verdict
              texts={texts}
              model={model}
              answers={answers}
              origin={source}
              doubt={reading}
              onExample={() => choose(BOOK_EXAMPLE)}
              verdictRef={verdict}
            />
          </div>
          <div class="play-pad">
            <DrawPad
              texts={texts}
              handle={pad}
              onDraw={drew}
              onClear={cleared}
              trace={trace}
              onTraceOn={source?.kind === "test" ? traceOver : undefined}
              onTraceOff={() => setTrace(null)}
            />
            {answer && source?.kind === "drawing" && prediction.input &&
              readers.stats && (
              <Feedback
                texts={texts}
                input={prediction.input}
                digit={answer.digit}
                retentionDays={readers.stats.limits.retentionDays}
                onChange={readers.changed}
              />
            )}
          </div>
          <div class="play-side">
            {reading?.unsure && answers && (
              <Reasons
                texts={texts}
                model={model}
                answers={answers}
                doubt={reading}
              />
            )}
            <ModelSwitch texts={texts} model={model} onChoose={setModel} />
            {prediction.error && (
              <p class="error" role="alert">{texts.error(prediction.error)}</p>
            )}
            {answers && (
              <CompareRow texts={texts} answers={answers} model={model} />
            )}
            {answer && input && (
              <div class="play-details">
                <div class="play-bars">
                  <h3>{texts.probabilitiesHeading}</h3>
                  <ProbabilityBars
                    texts={texts}
                    probabilities={answer.probabilities}
                    digit={answer.digit}
                  />
                  <p class="bars-note">{texts.probabilitiesNote}</p>
                </div>
                <InputView texts={texts} pixels={input} />
              </div>
            )}
            <EngineLine
              texts={ENGINE_TEXTS[lang]}
              engine={prediction.engine}
              timing={prediction.timing}
            />
          </div>
          <p
            class="visually-hidden"
            aria-live="polite"
            aria-atomic="true"
            data-testid="announcer"
          >
            {announcement}
          </p>
        </section>
        <Explainer texts={texts} />
        {forwardPass}
        {strokes && strokes.length > 0 && answers && (
          <Lab
            texts={texts}
            model={model}
            strokes={strokes}
            size={pad.current?.size() ?? 320}
            drawing={settled}
          />
        )}
        {below}
      </main>
      <footer class="muted">{texts.footer}</footer>
    </div>
  );
}
