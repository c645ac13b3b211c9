/**
 * The request and response schemas of /api/drawings: zod schemas that both
 * validate requests and document them in /api/openapi.json.
 *
 * @module
 */

import { z } from "@hono/zod-openapi";
import { CURSOR_PATTERN, MAX_PAGE } from "../lib/drawings/mod.ts";
import { Image } from "./schemas.ts";

const CURSOR_FORM =
  "Its form is `<createdAt>_<id>`: the time the last drawing of the page was stored, in milliseconds since the epoch (1 to 15 digits), then `_` and its id (a UUID); the next page starts after that drawing, newest first.";
const CURSOR_MESSAGE =
  "cursor is <milliseconds>_<drawing id>, as the previous page gave it: pass it back as it came";

const Answer = z.object({
  digit: z.number().int().min(0).max(9),
  probabilities: z.array(z.number()).length(10),
}).openapi("ModelAnswer");

const Predictions = z.record(z.string(), Answer).openapi({
  description: "Each served model's answer, by model name (mlp, deep-cnn)",
});

/** The body of POST /api/drawings. */
export const DrawingRequest = z.object({
  pixels: Image,
  label: z.number({ error: "label is the digit you meant, 0 to 9" }).int({
    error: "label is a whole number, 0 to 9",
  }).min(0, { error: "label is 0 to 9" }).max(9, {
    error: "label is 0 to 9",
  }).openapi({ description: "The digit the reader meant", example: 7 }),
  consent: z.literal(true, {
    error:
      'send "consent": true to agree that the 28×28 picture and its label are stored',
  }).openapi({
    description:
      "The reader agrees that the 28×28 picture and the label are stored (no IP address, no user agent)",
  }),
}).strict().openapi("DrawingRequest");

/** The answer of POST /api/drawings. */
export const DrawingCreated = z.object({
  id: z.string().uuid(),
  deleteToken: z.string().openapi({
    description:
      "Deletes the drawing (DELETE /api/drawings/{id}, header X-Delete-Token); given only once, stored only as a hash",
  }),
  predictions: Predictions,
  expiresAt: z.string().openapi({
    description: "When the drawing will be deleted (ISO 8601)",
  }),
}).openapi("DrawingCreated");

/** A stored drawing, as the API shows it (never its delete token). */
export const Drawing = z.object({
  id: z.string().uuid(),
  label: z.number().int().min(0).max(9),
  pixels: z.array(z.number()).length(784).openapi({
    description:
      "784 values in [0, 1], row-major, white on black (stored as bytes 0–255, as MNIST)",
  }),
  predictions: Predictions,
  createdAt: z.string(),
  expiresAt: z.string(),
}).openapi("Drawing");

/** The query of GET /api/drawings. */
export const DrawingQuery = z.object({
  label: z.string().regex(/^[0-9]$/, { error: "label is one digit, 0 to 9" })
    .optional().openapi({ description: "only drawings of this label" }),
  limit: z.string().regex(/^\d{1,3}$/, {
    error: `limit is a whole number, 1 to ${MAX_PAGE}`,
  }).refine((text) => Number(text) >= 1 && Number(text) <= MAX_PAGE, {
    error: `limit is a whole number, 1 to ${MAX_PAGE}`,
  }).optional().openapi({
    description: `drawings per page, 1 to ${MAX_PAGE} (20 by default)`,
  }),
  cursor: z.string().max(64, { error: "cursor is too long" }).regex(
    CURSOR_PATTERN,
    { error: CURSOR_MESSAGE },
  ).optional().openapi({
    description:
      `the \`cursor\` of the page before, as it came: ${CURSOR_FORM}`,
    example: "1767225600000_0b6c5e0e-8d2c-4b8e-9a44-3f1d2c5b7a10",
  }),
});

/** A page of GET /api/drawings. */
export const DrawingPage = z.object({
  drawings: z.array(Drawing),
  cursor: z.string().regex(CURSOR_PATTERN).nullable().openapi({
    description:
      `pass it as ?cursor= for the next page; null on the last. ${CURSOR_FORM}`,
    example: "1767225600000_0b6c5e0e-8d2c-4b8e-9a44-3f1d2c5b7a10",
  }),
}).openapi("DrawingPage");

/** The path of /api/drawings/{id}. */
export const DrawingParams = z.object({
  id: z.string().regex(
    /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
    { error: "a drawing's id is a UUID, as POST /api/drawings gave it" },
  ).openapi({ param: { name: "id", in: "path" } }),
});

/** The headers of DELETE /api/drawings/{id}. */
export const DeleteHeaders = z.object({
  "x-delete-token": z.string({
    error: "Send the drawing's delete token in the X-Delete-Token header",
  }).min(1, {
    error: "Send the drawing's delete token in the X-Delete-Token header",
  }).max(200, { error: "X-Delete-Token is too long" }),
});

const Score = z.object({
  count: z.number().int().openapi({ description: "drawings the model read" }),
  correct: z.number().int(),
  accuracy: z.number().nullable().openapi({
    description: "correct / count; null before the first drawing",
  }),
  confusion: z.array(z.array(z.number().int()).length(10)).length(10).openapi({
    description: "row: the reader's label; column: the model's answer",
  }),
  mnistAccuracy: z.number().optional().openapi({
    description: "the same model's accuracy on MNIST's 10,000 test images",
  }),
});

/** The answer of GET /api/drawings/stats. */
export const DrawingStats = z.object({
  count: z.number().int(),
  labels: z.array(z.number().int()).length(10),
  models: z.record(z.string(), Score),
  limits: z.object({
    retentionDays: z.number(),
    maxDrawings: z.number().int(),
    writesPerMinute: z.number().int().openapi({
      description: "stores and deletes per client and minute; 0: no limit",
    }),
  }),
}).openapi("DrawingStats");
