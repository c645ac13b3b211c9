/**
 * The first screen: the verdict above the pad, "Was it right?" under it, the
 * answer's details beside it, and the live region that announces each
 * stroke's answer once. Phone first: the verdict, the pad, its buttons and
 * the ten bars fit the first screen, "Was it right?" below them
 * (style.css orders them so on a phone).
 *
 * @module
 */

import type { Ref, RefObject } from "preact";
import { useRef } from "preact/hooks";
import type { Doubt } from "../../../lib/reading/mod.ts";
import type { ModelName } from "../api.ts";
import type { Texts } from "../texts/mod.ts";
import {
  DrawPad as Pad,
  type DrawPadProps,
  type PadHandle,
} from "./draw_pad.tsx";
import { Feedback } from "./feedback.tsx";
import { EngineLine } from "./engine_line.tsx";
import { memo } from "./memo.ts";
import { PlayAnswer, PlaySide } from "./play_side.tsx";
import type { Prediction } from "./use_prediction.ts";
import type { Readers } from "./use_readers.ts";
import { Verdict } from "./verdict.tsx";

/** The pad, rendered again only when its props change (not at every answer). */
const DrawPad = memo(Pad);

/** Props of {@linkcode Play}. */
export interface PlayProps
  extends Pick<DrawPadProps, "onDraw" | "onClear" | "trace" | "onTraceOff"> {
  texts: Texts;
  /** The model whose answer the page shows large. */
  model: ModelName;
  onModel(model: ModelName): void;
  prediction: Prediction;
  doubt: Doubt | null;
  readers: Readers;
  /** The live region's text. */
  announcement: string;
  pad: RefObject<PadHandle | null>;
  verdict: Ref<HTMLDivElement>;
  /** Feeds the book's example to the networks. */
  onExample(): void;
  /** Puts the shown test image beneath the ink. */
  onTraceOn(): void;
}

/**
 * Once a reading has been shown, its panels keep their place through Clear,
 * empty: the next drawing's first answer then sets values in them instead
 * of building some 480 elements again in the middle of a stroke (a long
 * task on a phone), and nothing below the pad jumps. `asking`: a drawing's
 * answer is shown ("Was it right?" asks); `feedback`: that block stays,
 * hidden, while there is no answer.
 */
function useKept({ answers, source, input }: Prediction, answered: boolean) {
  const kept = useRef({ answer: false, feedback: false });
  const asking = answered && source?.kind === "drawing" && input !== null;
  if (answered && input) kept.current.answer = true;
  if (asking) kept.current.feedback = true;
  return {
    asking,
    answer: kept.current.answer,
    feedback: kept.current.feedback && !answers,
  };
}

/** The section with the pad. */
export function Play(props: PlayProps) {
  const { texts, model, prediction, doubt, readers } = props;
  const { answers, source, input } = prediction;
  const answer = answers?.[model] ?? null;
  const kept = useKept(prediction, answer !== null);
  const { stats } = readers;
  return (
    <section
      class="card play"
      aria-labelledby="draw-heading"
      aria-busy={prediction.busy}
    >
      <h2 id="draw-heading" class="visually-hidden">{texts.drawHeading}</h2>
      <div class="play-verdict">
        <Verdict
          texts={texts}
          model={model}
          answers={answers}
          origin={source}
          doubt={doubt}
          onExample={props.onExample}
          verdictRef={props.verdict}
        />
      </div>
      <div class="play-pad">
        <DrawPad
          texts={texts}
          handle={props.pad}
          onDraw={props.onDraw}
          onClear={props.onClear}
          trace={props.trace}
          onTraceOn={source?.kind === "test" ? props.onTraceOn : undefined}
          onTraceOff={props.onTraceOff}
        />
        {stats && (kept.asking || kept.feedback) && (
          <Feedback
            texts={texts}
            input={kept.asking ? input : null}
            digit={answer?.digit ?? null}
            retentionDays={stats.limits.retentionDays}
            onChange={readers.changed}
          />
        )}
      </div>
      <PlayAnswer
        texts={texts}
        model={model}
        prediction={prediction}
        kept={kept.answer}
      />
      <PlaySide
        texts={texts}
        kept={kept.answer}
        model={model}
        onModel={props.onModel}
        prediction={prediction}
        doubt={doubt}
      />
      <EngineLine
        texts={texts.engine}
        engine={prediction.engine}
        timing={prediction.timing}
      />
      <p
        class="visually-hidden"
        aria-live="polite"
        aria-atomic="true"
        data-testid="announcer"
      >
        {props.announcement}
      </p>
    </section>
  );
}
