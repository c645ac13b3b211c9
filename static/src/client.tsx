/**
 * The browser entry: hydrates the server-rendered page with the props the
 * server serialised into <script id="app-props" type="application/json">.
 *
 * @module
 */

import { hydrate } from "preact";
import { App, type AppProps } from "./components/app.tsx";

const data = document.getElementById("app-props");
const root = document.getElementById("app");
if (data && root) {
  const props = JSON.parse(data.textContent ?? "{}") as AppProps;
  hydrate(<App {...props} />, root);
}
