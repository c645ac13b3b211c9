/**
 * "Was it right?": after a drawing is read, the reader taps the digit they
 * meant and the drawing is stored with that label (the line below the digits
 * says what is stored and for how long); "Delete it" takes it back.
 *
 * @module
 */

import { useEffect, useMemo, useRef, useState } from "preact/hooks";
import { deleteDrawing, saveDrawing } from "../drawings_api.ts";
import type { Texts } from "../texts/mod.ts";

/** Props of {@linkcode Feedback}. */
export interface FeedbackProps {
  texts: Texts;
  /**
   * The 784 pixels the networks read; null: no drawing (after Clear) — the
   * block keeps its place, hidden, until the next drawing's answer.
   */
  input: ArrayLike<number> | null;
  /** The shown model's answer, marked among the digits. */
  digit: number | null;
  /** How long drawings are kept, from the server. */
  retentionDays: number;
  /** A drawing was stored or deleted. */
  onChange(): void;
}

type State =
  | { kind: "asking" }
  | { kind: "saving"; label: number }
  | { kind: "saved"; label: number; id: string; token: string }
  | { kind: "deleting"; label: number; id: string; token: string }
  | { kind: "deleted" }
  | { kind: "failed"; message: string };

/** What became of the tap: stored (with "Delete it"), deleted, or not stored. */
function FeedbackStatus(
  { texts, state, onDelete }: { texts: Texts; state: State; onDelete(): void },
) {
  return (
    <p class="feedback-status" role="status" data-testid="feedback-status">
      {state.kind === "saved" && (
        <>
          {texts.savedAs(state.label)}{" "}
          <button
            type="button"
            class="button feedback-delete"
            data-testid="feedback-delete"
            onClick={onDelete}
          >
            {texts.deleteMine}
          </button>
        </>
      )}
      {state.kind === "deleted" && texts.deletedMine}
      {state.kind === "failed" && (
        <span class="error">{texts.saveError(state.message)}</span>
      )}
    </p>
  );
}

/** The question, the ten digits and what storing means. */
export function Feedback(props: FeedbackProps) {
  const { texts, input, digit } = props;
  const [state, setState] = useState<State>({ kind: "asking" });
  const current = useRef(input);

  // a new drawing asks again
  useEffect(() => {
    current.current = input;
    // unchanged while the pen moves: no second render a frame
    setState((now) => now.kind === "asking" ? now : { kind: "asking" });
  }, [input]);

  const save = (label: number) => {
    if (!input) return;
    setState({ kind: "saving", label });
    saveDrawing(input, label).then((saved) => {
      props.onChange();
      // a new drawing came meanwhile: its own question stays
      if (current.current !== input) return;
      setState({
        kind: "saved",
        label,
        id: saved.id,
        token: saved.deleteToken,
      });
    }, (error) => {
      if (current.current !== input) return;
      setState({ kind: "failed", message: String(error?.message ?? error) });
    });
  };

  const remove = () => {
    if (state.kind !== "saved") return;
    setState({ ...state, kind: "deleting" });
    deleteDrawing(state.id, state.token).then(() => {
      setState({ kind: "deleted" });
      props.onChange();
    }, (error) => {
      setState({ kind: "failed", message: String(error?.message ?? error) });
    });
  };

  const busy = state.kind === "saving" || state.kind === "deleting";
  const days = props.retentionDays;
  const note = useMemo(() => texts.storedNote(days), [texts, days]);
  const chosen = "label" in state ? state.label : null;
  return (
    <div
      class={input ? "feedback" : "feedback feedback-idle"}
      data-testid="feedback"
      inert={!input}
    >
      <p class="feedback-question">
        <strong>{texts.feedbackQuestion}</strong> {texts.feedbackHint}
      </p>
      <div
        class="feedback-digits"
        role="group"
        aria-label={texts.feedbackQuestion}
      >
        {Array.from({ length: 10 }, (_, d) => (
          <button
            key={d}
            type="button"
            class={d === digit ? "digit-choice guessed" : "digit-choice"}
            data-testid={`label-${d}`}
            aria-label={texts.feedbackDigit(d, d === digit)}
            aria-pressed={chosen === d}
            disabled={busy || state.kind === "saved"}
            onClick={() => save(d)}
          >
            {d}
          </button>
        ))}
      </div>
      <p class="muted feedback-note">{note}</p>
      <FeedbackStatus texts={texts} state={state} onDelete={remove} />
    </div>
  );
}
