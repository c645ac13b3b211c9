/**
 * The service worker (served as /sw.js, bundled into static/sw.js): after one
 * visit the page loads and predicts with the network off. It keeps the page
 * and every content-hashed file of this build (bundle, styles, engine, wasm,
 * models, gallery data) in a cache named after the build, so a new deployment
 * installs a new worker with a new cache and the old one is deleted. API
 * answers are never cached: /api/ and /v2/ requests go to the network.
 * On a light link the DeepConvNet's model waits until it is used; the MLP's
 * weights and the test set are never in the list to keep on install (the
 * server leaves them out): they are kept when first fetched, as any file.
 *
 * @module
 */

import { lightLink } from "./link.ts";

/** What the server stamps on the worker: the build's version and its files. */
interface Build {
  version: string;
  /** "/" and the /static/…?v= URLs to keep. */
  precache: string[];
}

/** The parts of the service-worker scope used here (not in the DOM types). */
interface ExtendableEvent extends Event {
  waitUntil(work: Promise<unknown>): void;
}

interface FetchEvent extends ExtendableEvent {
  request: Request;
  respondWith(response: Promise<Response>): void;
}

interface WorkerScope {
  BUILD: Build;
  location: Location;
  skipWaiting(): Promise<void>;
  clients: { claim(): Promise<void> };
  addEventListener(
    type: "install" | "activate",
    listener: (event: ExtendableEvent) => void,
  ): void;
  addEventListener(type: "fetch", listener: (event: FetchEvent) => void): void;
}

const scope = self as unknown as WorkerScope;
const { version, precache } = scope.BUILD;
const PREFIX = "mnist-page-";
const CACHE = `${PREFIX}${version}`;

/**
 * On Save-Data or a slow link the DeepConvNet's model is kept when first
 * used (`file` below), not downloaded with the rest: the page opens it only
 * when the reader chooses it.
 */
function kept(url: string): boolean {
  return !(lightLink() && url.startsWith("/static/deep-cnn.onnx"));
}

scope.addEventListener("install", (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(CACHE);
    // one file that cannot be fetched (say the wasm, blocked) keeps the rest
    await Promise.allSettled(
      precache.filter(kept).map((url) => cache.add(url)),
    );
    await scope.skipWaiting();
  })());
});

scope.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) {
      if (name.startsWith(PREFIX) && name !== CACHE) await caches.delete(name);
    }
    await scope.clients.claim();
  })());
});

/** The page: from the network when it answers (and kept), else the kept copy. */
async function page(request: Request): Promise<Response> {
  const cache = await caches.open(CACHE);
  if (!navigator.onLine) {
    const kept = await cache.match("/");
    if (kept) return kept;
  }
  try {
    const response = await fetch(request);
    if (response.ok) await cache.put("/", response.clone());
    return response;
  } catch (error) {
    const kept = await cache.match("/");
    if (kept) return kept;
    throw error;
  }
}

/** A content-hashed file: it never changes, so the kept copy is always right. */
async function file(request: Request): Promise<Response> {
  const cache = await caches.open(CACHE);
  const kept = await cache.match(request);
  if (kept) return kept;
  const response = await fetch(request);
  const url = new URL(request.url);
  if (response.ok && url.searchParams.has("v")) {
    await cache.put(request, response.clone());
  }
  return response;
}

scope.addEventListener("fetch", (event) => {
  const { request } = event;
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== scope.location.origin) return;
  if (request.mode === "navigate" && url.pathname === "/") {
    event.respondWith(page(request));
  } else if (url.pathname.startsWith("/static/")) {
    event.respondWith(file(request));
  }
});
