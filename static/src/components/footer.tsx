/**
 * The foot of the page: links to the book's code (the Japanese original and
 * the Korean edition) and to the API — its OpenAPI document and a `curl`
 * line for this very server — then the credits.
 *
 * @module
 */

import { useEffect, useState } from "preact/hooks";
import type { Texts } from "../texts/mod.ts";

/** The book's code, from its publisher (O'Reilly Japan). */
export const BOOK_REPOSITORY =
  "https://github.com/oreilly-japan/deep-learning-from-scratch";

/** The Korean edition's code (Hanbit Media, kept by its translator). */
export const KOREAN_REPOSITORY =
  "https://github.com/WegraLee/deep-learning-from-scratch";

/** The API's OpenAPI 3 document. */
export const OPENAPI_PATH = "/api/openapi.json";

/** Where the server listens by default: the `curl` line until the page knows its origin. */
const LOCAL_ORIGIN = "http://localhost:8000";

/** The `curl` line that asks `origin` for the book's test image 11 and the MLP's answer. */
export function curlLine(origin: string): string {
  return `curl -s ${origin}/api/mnist/11`;
}

/** This page's origin, once it runs in a browser; the default server's before. */
function useOrigin(): string {
  const [origin, setOrigin] = useState(LOCAL_ORIGIN);
  useEffect(() => setOrigin(location.origin), []);
  return origin;
}

/** The links and the credits. */
export function Footer({ texts }: { texts: Texts }) {
  const { links } = texts;
  const origin = useOrigin();
  return (
    <footer class="muted" data-testid="footer">
      <nav class="links" aria-labelledby="links-heading">
        <h2 id="links-heading" class="links-heading">{links.heading}</h2>
        <ul>
          <li>
            <a href={BOOK_REPOSITORY} data-testid="book-code">
              {links.bookOriginal}
            </a>
          </li>
          <li>
            <a href={KOREAN_REPOSITORY} data-testid="book-code-ko">
              {links.bookKorean}
            </a>
          </li>
          <li>
            <a href={OPENAPI_PATH} data-testid="openapi">{links.openApi}</a>
          </li>
          <li>
            {links.curl} <code data-testid="curl">{curlLine(origin)}</code>
          </li>
        </ul>
      </nav>
      <p>{texts.footer}</p>
    </footer>
  );
}
