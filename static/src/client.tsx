/**
 * The browser entry: hydrates the server-rendered page with the props the
 * server serialised into <script id="app-props" type="application/json">.
 *
 * @module
 */

import { hydrate } from "preact";
import { App, type AppProps } from "./components/app.tsx";

/**
 * The page's way to start a device engine, for the browser tests: they
 * `import()` this very script again (the same module, not run twice) and
 * check the engine's answers against the API's.
 */
export { openEngine } from "./engine_client.ts";

const data = document.getElementById("app-props");
const root = document.getElementById("app");
if (data && root) {
  const props = JSON.parse(data.textContent ?? "{}") as AppProps;
  hydrate(<App {...props} />, root);
}
