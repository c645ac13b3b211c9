/**
 * The whole page: rendered on the server, hydrated in the browser with the
 * same props (read from the page's JSON data island). Phone first: the
 * verdict, the pad and its buttons fit the first screen; the rest appears
 * once it has something to show, overview before details.
 *
 * @module
 */

import { useMemo, useRef, useState } from "preact/hooks";
import type { Report } from "../../../lib/evaluate/mod.ts";
import type { ModelName } from "../api.ts";
import { type Lang, TEXTS } from "../texts/mod.ts";
import { DataSections } from "./data_sections.tsx";
import type { PadHandle } from "./draw_pad.tsx";
import { Explainer } from "./explainer.tsx";
import { Footer as FooterOnce } from "./footer.tsx";
import { ForwardPass } from "./forward_pass.tsx";
import { BOOK_EXAMPLE } from "./gallery.tsx";
import { Header as HeaderOnce } from "./header.tsx";
import { Lab } from "./lab.tsx";
import { memo } from "./memo.ts";
import { NeuronSteps as Steps } from "./neuron_steps.tsx";
import { Play } from "./play.tsx";
import { TestRun as Run } from "./test_run.tsx";
import { useAnnouncer } from "./use_announcer.ts";
import { useDoubt } from "./use_doubt.ts";
import { useLang } from "./use_lang.ts";
import { usePlay } from "./use_play.ts";
import { usePrediction } from "./use_prediction.ts";
import { useReaders } from "./use_readers.ts";

// rendered again only when their props change, not at every answer
const Header = memo(HeaderOnce);
const Footer = memo(FooterOnce);
const NeuronSteps = memo(Steps);
/** The test set's run, which follows the engine itself, not each answer. */
const TestRun = memo(Run);

/** Props of {@linkcode App}: everything the server knows that the page shows. */
export interface AppProps {
  lang: Lang;
  /** The default model's (the MLP's) report; the others are fetched when chosen. */
  report: Report;
}

/** The demo page. */
export function App(props: AppProps) {
  const [lang, setLang] = useLang(props.lang);
  const texts = TEXTS[lang];
  const [model, setModel] = useState<ModelName>("mlp");
  const prediction = usePrediction(model);
  const readers = useReaders();
  const pad = useRef<PadHandle | null>(null);
  const verdict = useRef<HTMLDivElement>(null);
  const doubt = useDoubt(prediction, () => pad.current?.extent());
  const announcer = useAnnouncer({ texts, model, prediction, doubt });
  const play = usePlay({ prediction, announcer, pad, verdict });
  const { source } = prediction;
  // the lab follows the drawings read, not every pen move
  const strokes = source?.kind === "drawing" && announcer.drawings > 0
    ? pad.current?.strokes()
    : null;

  // the steps follow a finished stroke, not every pen move
  const steady = useRef<ArrayLike<number> | null>(null);
  const { forward } = prediction;
  if (!forward?.moving) steady.current = forward?.input ?? null;

  // neither changes while the pen moves: Preact skips the same elements
  const explainer = useMemo(() => <Explainer texts={texts} />, [texts]);
  const shown = Boolean(strokes?.length && prediction.answers);
  const lab = useMemo(
    () =>
      shown && (
        <Lab
          texts={texts}
          model={model}
          strokes={strokes!}
          drawing={announcer.drawings}
        />
      ),
    [texts, model, shown, announcer.drawings],
  );
  return (
    <div class="page">
      <Header texts={texts} lang={lang} onLang={setLang} />
      <main>
        <Play
          texts={texts}
          model={model}
          onModel={setModel}
          prediction={prediction}
          doubt={doubt}
          readers={readers}
          announcement={announcer.text}
          pad={pad}
          verdict={verdict}
          onDraw={play.drew}
          onClear={play.cleared}
          onExample={() => play.choose(BOOK_EXAMPLE)}
          trace={play.trace}
          onTraceOn={play.traceOn}
          onTraceOff={play.traceOff}
        />
        {explainer}
        <ForwardPass texts={texts} forward={prediction.forward} />
        <NeuronSteps texts={texts} pad={steady.current} />
        {lab}
        <DataSections
          texts={texts}
          model={model}
          report={props.report}
          selected={source?.kind === "test" ? source.index : null}
          onChoose={play.choose}
          readers={readers}
        />
        <TestRun texts={texts} />
      </main>
      <Footer texts={texts} />
    </div>
  );
}
