/**
 * The ablation servers of `deno task bench:server --sections ablation`: the
 * bare route of scripts/bench/hello_server.ts with one piece of the real stack added
 * (a middleware, the zod schema, the network), so each piece's cost per request
 * can be read off against the bare route in one run.
 *
 * Also the whole app, its answers compressed by Deno.serve or not
 * (`APP_VARIANTS`, for deno task bench:compression).
 *
 * VARIANT=hello+zod PORT=8002 deno run -P=serve scripts/bench/variants.ts
 *
 * @module
 */

import { toJsonNumbers } from "../../lib/infer/mod.ts";
import { OpenAPIHono } from "@hono/zod-openapi";
import type { Context, MiddlewareHandler } from "hono";
import { Hono } from "hono";
import { cors } from "hono/cors";
import {
  type Batcher,
  batchingFromEnv,
  createBatcher,
  ModelRegistry,
  openModel,
} from "../../lib/runtime/mod.ts";
import { pixelsFromRows } from "../../lib/input/mod.ts";
import { onError, validationHook } from "../../routes/errors.ts";
import type { AppEnv } from "../../routes/env.ts";
import { requestLogger } from "../../routes/middleware/logger.ts";
import { createApp } from "../../routes/app.ts";
import { predictRoutes } from "../../routes/predict.ts";
import { PredictRequest } from "../../routes/schemas.ts";
import { securityHeaders } from "../../routes/middleware/edge.ts";
import { requestTimeout } from "../../routes/middleware/admission.ts";
import { helloApp } from "./hello_server.ts";

/** The middlewares of routes/app.ts, by name, in the order it applies them. */
const MIDDLEWARES: Record<string, () => MiddlewareHandler> = {
  secure: () => securityHeaders(),
  logger: () => requestLogger(),
  timeout: () => requestTimeout(),
  cors: () => cors(),
};

/**
 * Cheaper stand-ins proposed for the middlewares, measured beside them:
 * the same response headers set from a list computed once, and a logger that
 * takes Hono's parsed path and writes its lines in batches.
 */
const CHEAPER: Record<string, () => Promise<MiddlewareHandler>> = {
  "static-headers": async () => {
    // the headers securityHeaders() and cors() give a plain API answer
    const probe = new Hono();
    probe.use(securityHeaders());
    probe.use(cors());
    probe.get("/", (c) => c.text(""));
    const headers = [...(await probe.request("/")).headers].filter(
      ([name]) => name !== "content-type" && name !== "content-length",
    );
    // set before the handler, so that they go into the one Response it makes
    return async (c, next) => {
      for (const [name, value] of headers) c.header(name, value);
      await next();
    };
  },
  "logger-path": () =>
    Promise.resolve(async (c, next) => {
      const start = performance.now();
      await next();
      const ms = (performance.now() - start).toFixed(1);
      console.log(`${c.req.method} ${c.req.path} ${c.res.status} ${ms}ms`);
    }),
  "logger-buffered": () => {
    let lines: string[] = [];
    const encoder = new TextEncoder();
    const flush = () => {
      Deno.stdout.writeSync(encoder.encode(lines.join("\n") + "\n"));
      lines = [];
    };
    return Promise.resolve(async (c, next) => {
      const start = performance.now();
      await next();
      const ms = (performance.now() - start).toFixed(1);
      if (
        lines.push(`${c.req.method} ${c.req.path} ${c.res.status} ${ms}ms`) ===
          1
      ) {
        setTimeout(flush, 100);
      }
    });
  },
};

/**
 * The whole app (routes/app.ts over the inference worker, as main.ts builds
 * it, without drawings), its answers compressed by Deno.serve
 * (`automaticCompression`, as main.ts serves it) or not at all.
 */
export const APP_VARIANTS = ["app+deno-compress", "app+no-compress"] as const;

/** The ablation's variants: the bare route plus middlewares, or plus work of the real route. */
export const VARIANTS = [
  "hello",
  ...Object.keys(MIDDLEWARES).map((name) => `hello+${name}`),
  ...Object.keys(CHEAPER).map((name) => `hello+${name}`),
  "hello+all-middlewares",
  "hello+zod",
  "hello+zod+pixels",
  "hello+model",
  "route-only",
] as const;

function withMiddlewares(names: string[], routes: Hono): Hono {
  const app = new Hono();
  for (const name of names) app.use(MIDDLEWARES[name]());
  app.route("/", routes);
  return app;
}

/** The batcher of the hello+model variant, whose stats it prints at SIGTERM. */
let batcher: Batcher | undefined;

/** The bare route doing some of the real route's work. */
function partialRoute(
  steps: { zod?: boolean; pixels?: boolean; model?: boolean },
): Hono {
  const app = new Hono();
  const session = steps.model ? openModel("mlp") : undefined;
  app.post("/api/predict", async (c: Context) => {
    const body = await c.req.json();
    let images = [body.pixels];
    if (steps.zod) {
      const parsed = PredictRequest.safeParse(body);
      if (!parsed.success) return c.json({ error: "invalid" }, 400);
      if (!("pixels" in parsed.data)) {
        return c.json({ error: "one image" }, 400);
      }
      images = [parsed.data.pixels];
    }
    const pixels = steps.pixels || session ? pixelsFromRows(images) : undefined;
    if (session && pixels) {
      batcher ??= createBatcher({
        session: await session,
        ...batchingFromEnv((name) => Deno.env.get(name)),
      });
      const { digits, probabilities } = await batcher.predict(pixels);
      return c.json({
        model: "mlp",
        digit: digits[0],
        probabilities: toJsonNumbers(probabilities.data),
      });
    }
    return c.json({
      model: "hello",
      digit: 0,
      probabilities: [0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1],
    });
  });
  return app;
}

/**
 * Builds one variant.
 *
 * @throws {RangeError} When the variant is unknown.
 */
export async function variantApp(
  variant: string,
): Promise<{ fetch(request: Request): Response | Promise<Response> }> {
  if (variant === "hello") return helloApp();
  if (variant === "hello+all-middlewares") {
    return withMiddlewares(Object.keys(MIDDLEWARES), helloApp());
  }
  if (variant === "hello+zod") return partialRoute({ zod: true });
  if (variant === "hello+zod+pixels") {
    return partialRoute({ zod: true, pixels: true });
  }
  if (variant === "hello+model") return partialRoute({ model: true });
  if (variant === "route-only") {
    const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
    const batching = batchingFromEnv((name) => Deno.env.get(name));
    predictRoutes(app, new ModelRegistry(["mlp"], { batching }));
    app.onError(onError);
    return app;
  }
  if ((APP_VARIANTS as readonly string[]).includes(variant)) {
    const batching = batchingFromEnv((name) => Deno.env.get(name));
    return createApp({ models: new ModelRegistry(undefined, { batching }) });
  }
  const name = variant.replace(/^hello\+/, "");
  if (variant.startsWith("hello+") && name in MIDDLEWARES) {
    return withMiddlewares([name], helloApp());
  }
  if (variant.startsWith("hello+") && name in CHEAPER) {
    const app = new Hono();
    app.use(await CHEAPER[name]());
    app.route("/", helloApp());
    return app;
  }
  throw new RangeError(
    `Unknown variant ${JSON.stringify(variant)}: one of ${
      [...VARIANTS, ...APP_VARIANTS].join(", ")
    }`,
  );
}

if (import.meta.main) {
  const port = Number(Deno.env.get("PORT") ?? 8002);
  const variant = Deno.env.get("VARIANT") ?? "hello";
  const app = await variantApp(variant);
  const automaticCompression = variant === "app+deno-compress";
  Deno.serve({ port, automaticCompression }, app.fetch);
  Deno.addSignalListener("SIGTERM", () => {
    const stats = batcher?.stats();
    if (stats) console.error(`BATCH_STATS ${stats.runs} ${stats.images}`);
    Deno.exit(0);
  });
}
