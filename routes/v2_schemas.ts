/**
 * The V2 inference protocol's requests and answers as zod schemas, so that
 * /api/openapi.json documents /v2/* beside /api/* (the protocol's own
 * OpenAPI shapes, narrowed to what this server serves).
 *
 * @module
 */

import { createRoute, z } from "@hono/zod-openapi";
import { MAX_BATCH } from "../lib/limits.ts";
import { ErrorResponse, json } from "./schemas.ts";

const Tensor = z.object({
  name: z.string(),
  datatype: z.literal("FP32"),
  shape: z.array(z.number().int()),
}).openapi("V2TensorMetadata");

const Name = z.object({
  name: z.string().openapi({
    param: { name: "name", in: "path" },
    example: "mlp",
  }),
});

const Parameters = z.object({
  binary_data_output: z.boolean().optional(),
  binary_data: z.boolean().optional(),
  binary_data_size: z.number().int().optional(),
}).passthrough();

/** A V2 infer request (JSON, or the JSON header of a binary one). */
export const InferRequest = z.object({
  id: z.string().max(256).optional(),
  parameters: Parameters.optional(),
  inputs: z.array(z.object({
    name: z.string().openapi({ example: "pixels" }),
    shape: z.tuple([z.number().int().min(1).max(MAX_BATCH), z.literal(784)]),
    datatype: z.literal("FP32"),
    parameters: Parameters.optional(),
    data: z.array(z.union([z.number(), z.array(z.number())])).optional()
      .openapi({
        description: "N×784 values in [0, 1], row-major (flat or nested)",
      }),
    // min and max, not .length(1): the OpenAPI generator drops zod's length
  })).min(1).max(1).openapi({ description: "One input: the images" }),
  outputs: z.array(z.object({
    name: z.string(),
    parameters: Parameters.optional(),
  })).min(1).optional().openapi({
    description: "The outputs to return; all of them when left out",
  }),
}).openapi("V2InferRequest");

/** A V2 infer answer (JSON, or the JSON header of a binary one). */
export const InferResponse = z.object({
  model_name: z.string(),
  model_version: z.string(),
  id: z.string().optional(),
  outputs: z.array(z.object({
    name: z.string(),
    datatype: z.literal("FP32"),
    shape: z.array(z.number().int()),
    data: z.array(z.number()).optional(),
    parameters: Parameters.optional(),
  })),
}).openapi("V2InferResponse");

const binaryBody = {
  "application/octet-stream": {
    schema: {
      type: "string",
      format: "binary",
      description:
        "The binary tensor extension: the JSON header (Inference-Header-Content-Length bytes), then each binary tensor",
    },
  },
} as const;

const errors = {
  400: json(ErrorResponse, "A malformed request"),
  404: json(ErrorResponse, "Unknown model or version"),
};

/** Every V2 route, for the OpenAPI document. */
export const V2_ROUTES = [
  createRoute({
    method: "get",
    path: "/v2",
    summary: "V2: server metadata and extensions",
    responses: {
      200: json(
        z.object({
          name: z.string(),
          version: z.string(),
          extensions: z.array(z.string()),
        }),
        "Server metadata",
      ),
    },
  }),
  createRoute({
    method: "get",
    path: "/v2/health/live",
    summary: "V2: the server is alive",
    responses: { 200: json(z.object({ live: z.boolean() }), "Alive") },
  }),
  createRoute({
    method: "get",
    path: "/v2/health/ready",
    summary: "V2: every model is loaded",
    responses: {
      200: json(z.object({ ready: z.boolean() }), "Ready"),
      503: json(z.object({ ready: z.boolean() }), "Still loading"),
    },
  }),
  createRoute({
    method: "post",
    path: "/v2/repository/index",
    summary: "V2 model repository: the served models and their state",
    request: {
      body: {
        required: false,
        content: {
          "application/json": {
            schema: z.object({ ready: z.boolean().optional() }),
          },
        },
      },
    },
    responses: {
      200: json(
        z.array(z.object({
          name: z.string(),
          version: z.string(),
          state: z.enum(["READY", "LOADING"]),
        })),
        "The models",
      ),
      400: json(ErrorResponse, "A body that is not JSON"),
      413: json(ErrorResponse, "A body over its limit of 4096 bytes"),
      415: json(ErrorResponse, "A Content-Encoding other than gzip or deflate"),
      503: json(ErrorResponse, "Busy: try again after Retry-After seconds"),
    },
  }),
  createRoute({
    method: "get",
    path: "/v2/models/{name}",
    summary: "V2: a model's metadata (inputs and outputs)",
    request: { params: Name },
    responses: {
      200: json(
        z.object({
          name: z.string(),
          versions: z.array(z.string()),
          platform: z.string(),
          inputs: z.array(Tensor),
          outputs: z.array(Tensor),
        }),
        "Model metadata",
      ),
      ...errors,
    },
  }),
  createRoute({
    method: "get",
    path: "/v2/models/{name}/ready",
    summary: "V2: whether a model is loaded",
    request: { params: Name },
    responses: {
      200: json(z.object({ name: z.string(), ready: z.boolean() }), "Ready"),
      503: json(z.object({ name: z.string(), ready: z.boolean() }), "Loading"),
      404: errors[404],
    },
  }),
  createRoute({
    method: "post",
    path: "/v2/models/{name}/infer",
    summary: "V2: run the model (JSON or binary tensors)",
    request: {
      params: Name,
      body: {
        required: true,
        content: {
          "application/json": { schema: InferRequest },
          ...binaryBody,
        },
      },
    },
    responses: {
      200: {
        description:
          "The outputs (JSON, or binary with Inference-Header-Content-Length)",
        content: {
          "application/json": { schema: InferResponse },
          ...binaryBody,
        },
      },
      ...errors,
      413: json(ErrorResponse, "A body over its size limit"),
      415: json(ErrorResponse, "A Content-Encoding other than gzip or deflate"),
      422: json(ErrorResponse, "Values out of [0, 1]"),
      429: json(ErrorResponse, "Too many requests from this client"),
      503: json(ErrorResponse, "Busy: try again after Retry-After seconds"),
    },
  }),
];
