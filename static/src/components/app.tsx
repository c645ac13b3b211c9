// The whole page: rendered on the server, hydrated in the browser with the
// same props (read from the page's JSON data island).

import {
  useCallback,
  useEffect,
  useMemo,
  useRef,
  useState,
} from "preact/hooks";
import type { Report } from "../../../lib/evaluate/report.ts";
import type { ModelName } from "../api.ts";
import { CompareRow } from "./compare_row.tsx";
import { DrawPad, type PadHandle } from "./draw_pad.tsx";
import { EngineLine } from "./engine_line.tsx";
import { ENGINE_TEXTS } from "./engine_texts.ts";
import { Explainer } from "./explainer.tsx";
import { ForwardPass } from "./forward_pass.tsx";
import { Gallery } from "./gallery.tsx";
import { InputView } from "./input_view.tsx";
import { isLang, type Lang, LANG_STORAGE_KEY } from "./lang.ts";
import { ModelSwitch } from "./model_switch.tsx";
import { ProbabilityBars } from "./probability_bars.tsx";
import { ReportView } from "./report_view.tsx";
import { TEXTS } from "./texts.ts";
import { usePrediction } from "./use_prediction.ts";
import { useReport } from "./use_report.ts";

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

/** The demo page. */
export function App(props: AppProps) {
  const [lang, setLang] = useLang(props.lang);
  const texts = TEXTS[lang];
  const [model, setModel] = useState<ModelName>("mlp");
  const prediction = usePrediction(model);
  const shown = useReport(model, props.report);
  const pad = useRef<PadHandle | null>(null);
  const result = useRef<HTMLDivElement>(null);
  const { answers, source } = prediction;
  const answer = answers?.[model] ?? null;
  const other: Lang = lang === "ko" ? "en" : "ko";

  const { choose: show } = prediction;
  const choose = useCallback((index: number) => {
    pad.current?.wipe();
    show(index);
    result.current?.scrollIntoView({ block: "nearest", behavior: "smooth" });
  }, [show]);
  const selected = source?.kind === "test" ? source.index : null;
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
  // the same elements while the pen moves: Preact skips them on every answer
  const below = useMemo(() => (
    <>
      <Gallery
        texts={texts}
        report={shown.report}
        selected={selected}
        onChoose={choose}
      />
      <ReportView texts={texts} {...shown} />
      <Explainer texts={texts} />
    </>
  ), [texts, shown.report, shown.loading, shown.error, selected, choose]);

  return (
    <div class="page">
      <header class="top">
        <div class="top-text">
          <h1>{texts.title}</h1>
          <p class="subtitle">{texts.subtitle}</p>
        </div>
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
        <ModelSwitch texts={texts} model={model} onChoose={setModel} />
      </header>
      <main>
        <section
          class="card play"
          aria-labelledby="draw-heading"
          aria-busy={prediction.busy}
        >
          <div class="play-pad">
            <h2 id="draw-heading">{texts.drawHeading}</h2>
            <DrawPad
              texts={texts}
              handle={pad}
              onDraw={prediction.drew}
              onClear={prediction.reset}
            />
          </div>
          <div class="play-verdict" ref={result}>
            <div class="verdict" aria-live="polite" aria-atomic="true">
              <span class="muted">
                {texts.predictionLabel(texts.models[model].name)}
              </span>
              <output class="digit" data-testid="prediction">
                {answer ? String(answer.digit) : ""}
              </output>
              {answer
                ? (
                  <span class="confidence">
                    {texts.confidence(answer.probabilities[answer.digit])}
                    <span class="muted">
                      {source?.kind === "test"
                        ? texts.fromTestImage(source.index, source.label)
                        : texts.fromDrawing}
                    </span>
                  </span>
                )
                : <span class="prompt">{texts.prompt}</span>}
            </div>
            <InputView texts={texts} pixels={prediction.input} />
            <CompareRow texts={texts} answers={answers} model={model} />
          </div>
          <div class="play-bars">
            {prediction.error && (
              <p class="error" role="alert">{texts.error(prediction.error)}</p>
            )}
            <h3>{texts.probabilitiesHeading}</h3>
            <ProbabilityBars
              texts={texts}
              probabilities={answer?.probabilities ?? null}
              digit={answer?.digit ?? null}
            />
            <EngineLine
              texts={ENGINE_TEXTS[lang]}
              engine={prediction.engine}
              timing={prediction.timing}
            />
          </div>
        </section>
        {forwardPass}
        {below}
      </main>
      <footer class="muted">{texts.footer}</footer>
    </div>
  );
}
