/**
 * The title and the language chooser: a disclosure (one Tab stop while
 * closed) that opens the page's languages as links to `?lang=`, each named
 * in its own language. Without a script the links load the page in that
 * language from the server; with one they switch it in place (and Esc or a
 * click elsewhere closes the list).
 *
 * @module
 */

import { useEffect, useRef } from "preact/hooks";
import { type Lang, LANGS, TEXTS, type Texts } from "../texts/mod.ts";

/** Props of {@linkcode Header}. */
export interface HeaderProps {
  texts: Texts;
  lang: Lang;
  onLang(lang: Lang): void;
}

/** A click that asks for a new tab or window: the browser's to handle. */
function elsewhere(event: MouseEvent): boolean {
  return event.button !== 0 || event.metaKey || event.ctrlKey ||
    event.shiftKey || event.altKey;
}

/** Closes the open chooser on Esc (focus back on its button) or a click outside. */
function useClosing(chooser: { current: HTMLDetailsElement | null }) {
  useEffect(() => {
    const close = (event: Event) => {
      const details = chooser.current;
      if (!details?.open) return;
      if (event instanceof KeyboardEvent) {
        if (event.key !== "Escape") return;
        details.open = false;
        details.querySelector("summary")?.focus();
      } else if (!details.contains(event.target as Node)) {
        details.open = false;
      }
    };
    document.addEventListener("keydown", close);
    document.addEventListener("click", close);
    return () => {
      document.removeEventListener("keydown", close);
      document.removeEventListener("click", close);
    };
  }, []);
}

/** The language chooser. */
function LanguageChooser({ texts, lang, onLang }: HeaderProps) {
  const chooser = useRef<HTMLDetailsElement>(null);
  useClosing(chooser);
  return (
    <details class="langs" ref={chooser}>
      <summary class="button lang" data-testid="lang">
        <svg class="globe" viewBox="0 0 16 16" aria-hidden="true">
          <circle cx="8" cy="8" r="6.5" />
          <path d="M1.5 8h13M8 1.5c-2.2 2.4-2.2 10.6 0 13M8 1.5c2.2 2.4 2.2 10.6 0 13" />
        </svg>
        <span class="visually-hidden">{texts.languageLabel}:</span>
        <span>{texts.languageName}</span>
      </summary>
      <nav aria-label={texts.languageLabel}>
        <ul class="lang-list">
          {LANGS.map((code) => (
            <li key={code}>
              <a
                href={`?lang=${code}`}
                hreflang={code}
                lang={code}
                data-testid={`lang-${code}`}
                aria-current={code === lang ? "true" : undefined}
                onClick={(event) => {
                  if (elsewhere(event)) return;
                  event.preventDefault();
                  chooser.current!.open = false;
                  chooser.current!.querySelector("summary")?.focus();
                  onLang(code);
                }}
              >
                {TEXTS[code].languageName}
              </a>
            </li>
          ))}
        </ul>
      </nav>
    </details>
  );
}

/** The title and the language chooser. */
export function Header(props: HeaderProps) {
  return (
    <header class="top">
      <h1>{props.texts.title}</h1>
      <LanguageChooser {...props} />
    </header>
  );
}
