/**
 * The page's language as component state: the server's choice at first
 * (the address, else Accept-Language), then a remembered choice unless the
 * address names one; a switch is remembered and kept in the address.
 *
 * @module
 */

import { useCallback, useEffect, useState } from "preact/hooks";
import { isLang, type Lang, LANG_STORAGE_KEY, TEXTS } from "../texts/mod.ts";

/** The language shown and how to switch it. */
export function useLang(initial: Lang): readonly [Lang, (next: Lang) => void] {
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
  const choose = useCallback((next: Lang) => {
    setLang(next);
    try {
      localStorage.setItem(LANG_STORAGE_KEY, next);
    } catch { /* not remembered, still switched */ }
    const url = new URL(location.href);
    if (url.searchParams.has("lang")) {
      url.searchParams.set("lang", next);
      history.replaceState(null, "", url);
    }
  }, []);
  return [lang, choose] as const;
}
