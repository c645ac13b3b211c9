/**
 * /api/drawings: readers label what the networks misread. A drawing (the
 * 28×28 input and the digit meant) is stored with both models' answers, with
 * its reader's consent; the collection is listed, scored and deletable by
 * whoever holds its delete token.
 *
 * @module
 */

import { toJsonNumbers } from "../lib/infer/mod.ts";
import { createRoute, OpenAPIHono, type RouteHandler } from "@hono/zod-openapi";
import type { MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import {
  checkInk,
  type Drawing,
  type DrawingStore,
  type ModelAnswer,
} from "../lib/drawings/mod.ts";
import {
  type Pixels,
  pixelsFromBytes,
  pixelsFromRows,
} from "../lib/input/mod.ts";
import { unitFromBytes } from "../lib/tensor.ts";
import { ClientError } from "../lib/errors.ts";
import type { AddressMatcher } from "../lib/http/mod.ts";
import { BODY_LIMITS, DRAWINGS_PER_MINUTE } from "../lib/limits.ts";
import { type ModelRegistry, readReport } from "../lib/runtime/mod.ts";
import { validationHook } from "./errors.ts";
import { jsonBody } from "./middleware/json_body.ts";
import { rateLimit } from "./middleware/admission.ts";
import { ErrorResponse, json } from "./schemas.ts";
import {
  DeleteHeaders,
  Drawing as DrawingSchema,
  DrawingCreated,
  DrawingPage,
  DrawingParams,
  DrawingQuery,
  DrawingRequest,
  DrawingStats,
} from "./drawing_schemas.ts";

/** Options of {@linkcode drawingRoutes}. */
export interface DrawingOptions {
  store: DrawingStore;
  /** Stores and deletes per client and minute: 10 by default; 0 turns the limit off. */
  writesPerMinute?: number;
  /** The proxies whose `X-Forwarded-For` is trusted (see routes/middleware/admission.ts). */
  trustedProxies?: AddressMatcher;
}

/** Writes per client and minute when not set (lib/limits.ts). */
export const DEFAULT_WRITES_PER_MINUTE = DRAWINGS_PER_MINUTE;
/** The largest body of POST /api/drawings (lib/limits.ts). */
export const DRAWING_BODY_LIMIT = BODY_LIMITS.drawing;

const DAY_MS = 24 * 3600 * 1000;

const limited = {
  description:
    "Too many writes from this client: wait Retry-After seconds (RateLimit and RateLimit-Policy headers tell the quota)",
  content: { "application/json": { schema: ErrorResponse } },
  headers: {
    "retry-after": {
      description: "seconds to wait",
      schema: { type: "integer" as const },
    },
    ratelimit: {
      description:
        'remaining writes and seconds until one more: "drawings";r=0;t=6',
      schema: { type: "string" as const },
    },
    "ratelimit-policy": {
      description: 'the quota per window: "drawings";q=10;w=60',
      schema: { type: "string" as const },
    },
  },
};

const create = createRoute({
  method: "post",
  path: "/api/drawings",
  summary: "Store a reader's drawing with the digit they meant (needs consent)",
  request: {
    body: {
      required: true,
      content: { "application/json": { schema: DrawingRequest } },
    },
  },
  responses: {
    201: json(DrawingCreated, "Stored: its id, delete token and both answers"),
    400: json(ErrorResponse, "Malformed body, no consent, label not 0–9"),
    413: json(ErrorResponse, "A body over 64 KiB"),
    415: json(ErrorResponse, "Not a JSON body"),
    422: json(
      ErrorResponse,
      "Pixel values outside [0, 1], or a picture with no ink (every pixel the same)",
    ),
    429: limited,
  },
});

const list = createRoute({
  method: "get",
  path: "/api/drawings",
  summary: "Readers' drawings, newest first, a page at a time",
  request: { query: DrawingQuery },
  responses: {
    200: json(DrawingPage, "A page of drawings"),
    400: json(ErrorResponse, "A bad label, limit or cursor"),
  },
});

const stats = createRoute({
  method: "get",
  path: "/api/drawings/stats",
  summary:
    "How each model does on readers' drawings, beside its MNIST accuracy",
  responses: { 200: json(DrawingStats, "Counts, accuracy and confusion") },
});

const one = createRoute({
  method: "get",
  path: "/api/drawings/{id}",
  summary: "One drawing",
  request: { params: DrawingParams },
  responses: {
    200: json(DrawingSchema, "The drawing"),
    400: json(ErrorResponse, "Not a drawing id"),
    404: json(ErrorResponse, "No such drawing (deleted or expired)"),
  },
});

const remove = createRoute({
  method: "delete",
  path: "/api/drawings/{id}",
  summary: "Delete a drawing with the token given when it was stored",
  request: { params: DrawingParams, headers: DeleteHeaders },
  responses: {
    204: { description: "Deleted" },
    400: json(ErrorResponse, "No X-Delete-Token header, or not a drawing id"),
    403: json(ErrorResponse, "The token is not this drawing's"),
    404: json(ErrorResponse, "No such drawing"),
    429: limited,
  },
});

function iso(time: number): string {
  return new Date(time).toISOString();
}

/** A drawing as JSON: pixels back in [0, 1] as float32 gives them to the models. */
function drawingJson(drawing: Drawing) {
  return {
    id: drawing.id,
    label: drawing.label,
    pixels: toJsonNumbers(unitFromBytes(drawing.pixels)),
    predictions: drawing.predictions,
    createdAt: iso(drawing.createdAt),
    expiresAt: iso(drawing.expiresAt),
  };
}

/** Every served model's answer for one image. */
async function predictAll(
  models: ModelRegistry,
  pixels: Pixels,
): Promise<Record<string, ModelAnswer>> {
  const answers = await Promise.all(models.names.map(async (name) => {
    const model = await models.get(name);
    const { digits, probabilities } = await model.predict(pixels);
    const answer = {
      digit: digits[0],
      probabilities: toJsonNumbers(probabilities.data.subarray(0, 10)),
    };
    return [name, answer] as const;
  }));
  return Object.fromEntries(answers);
}

/**
 * What guards the writes: the rate limit, then (for a new drawing) a JSON
 * content type, the body's limit and its JSON parsed.
 */
function writeGuards(options: DrawingOptions) {
  const { writesPerMinute = DEFAULT_WRITES_PER_MINUTE, trustedProxies } =
    options;
  const limit = rateLimit({
    limit: writesPerMinute,
    name: "drawings",
    trustedProxies,
    message: (seconds) =>
      `Too many drawings stored or deleted from your address: ${writesPerMinute} a minute are allowed, try again in ${seconds} s`,
  });
  const jsonOnly: MiddlewareHandler = async (c, next) => {
    const type = c.req.header("content-type") ?? "";
    if (!/^application\/(?:[\w.+-]+\+)?json\b/i.test(type)) {
      throw new ClientError(
        415,
        'Send the drawing as JSON (Content-Type: application/json): {"pixels": [784 numbers in 0..1], "label": 0-9, "consent": true}',
      );
    }
    await next();
  };
  const sizeLimit = bodyLimit({
    maxSize: DRAWING_BODY_LIMIT,
    onError: () => {
      throw new ClientError(
        413,
        `The body is over its limit of ${DRAWING_BODY_LIMIT} bytes: a drawing is 784 numbers, a label and "consent": true`,
      );
    },
  });
  return { limit, jsonOnly, sizeLimit, parsed: jsonBody() };
}

/** POST /api/drawings: both models read the drawing, then it is stored. */
function createDrawing(
  models: ModelRegistry,
  store: DrawingStore,
): RouteHandler<typeof create> {
  return async (c) => {
    const body = c.req.valid("json");
    const { data: floats } = pixelsFromRows([body.pixels], {
      field: "pixels",
    });
    // stored as MNIST stores images, bytes 0–255; the models read those very
    // bytes, so an exported drawing gives back the stored answers
    const pixels = Uint8Array.from(floats, (v) => Math.round(v * 255));
    checkInk(pixels);
    const predictions = await predictAll(models, pixelsFromBytes(pixels));
    const { drawing, deleteToken } = await store.add({
      pixels,
      label: body.label,
      predictions,
    });
    c.header("location", `/api/drawings/${drawing.id}`);
    return c.json({
      id: drawing.id,
      deleteToken,
      predictions,
      expiresAt: iso(drawing.expiresAt),
    }, 201);
  };
}

/** GET /api/drawings/stats: the counts, each model beside its MNIST accuracy. */
function scoreDrawings(
  models: ModelRegistry,
  store: DrawingStore,
  writesPerMinute: number,
): RouteHandler<typeof stats> {
  return async (c) => {
    const counts = await store.stats(models.names);
    const scores = await Promise.all(
      Object.entries(counts.models).map(async ([name, score]) => {
        const mnist = models.has(name)
          ? (await readReport(name)).accuracy
          : undefined;
        return [name, { ...score, mnistAccuracy: mnist }] as const;
      }),
    );
    return c.json({
      ...counts,
      models: Object.fromEntries(scores),
      limits: {
        retentionDays: store.retentionMs / DAY_MS,
        maxDrawings: store.maxDrawings,
        writesPerMinute,
      },
    }, 200);
  };
}

/**
 * The stats are a resource of their own, read-only: any method but GET (and
 * HEAD) is a 405 with `Allow`, not a request for a drawing whose id is "stats".
 */
const statsReadOnly: MiddlewareHandler = async (c, next) => {
  if (c.req.method === "GET" || c.req.method === "HEAD") return await next();
  c.header("allow", "GET, HEAD");
  throw new ClientError(
    405,
    `Method ${c.req.method} is not allowed on /api/drawings/stats: use GET (the stats are read-only; DELETE /api/drawings/{id} deletes a drawing)`,
  );
};

/** The routes of readers' drawings, over the served models and a store. */
export function drawingRoutes(
  models: ModelRegistry,
  options: DrawingOptions,
): OpenAPIHono {
  const { store, writesPerMinute = DEFAULT_WRITES_PER_MINUTE } = options;
  const app = new OpenAPIHono({ defaultHook: validationHook });
  const { limit, jsonOnly, sizeLimit, parsed } = writeGuards(options);
  // before the routes of /api/drawings/{id}, which "stats" would match
  app.all("/api/drawings/stats", statsReadOnly);
  app.on("POST", "/api/drawings", limit, jsonOnly, sizeLimit, parsed);
  app.on("DELETE", "/api/drawings/:id", limit);

  app.openapi(create, createDrawing(models, store));
  app.openapi(list, async (c) => {
    const query = c.req.valid("query");
    const page = await store.list({
      label: query.label === undefined ? undefined : Number(query.label),
      limit: query.limit === undefined ? undefined : Number(query.limit),
      cursor: query.cursor,
    });
    return c.json({
      drawings: page.drawings.map(drawingJson),
      cursor: page.cursor,
    }, 200);
  });
  app.openapi(stats, scoreDrawings(models, store, writesPerMinute));
  app.openapi(one, async (c) => {
    const { id } = c.req.valid("param");
    const drawing = await store.get(id);
    if (!drawing) {
      throw new ClientError(
        404,
        `No drawing ${id}: it was deleted or has expired`,
      );
    }
    return c.json(drawingJson(drawing), 200);
  });
  app.openapi(remove, async (c) => {
    const { id } = c.req.valid("param");
    await store.delete(id, c.req.valid("header")["x-delete-token"]);
    return c.body(null, 204);
  });
  return app;
}
