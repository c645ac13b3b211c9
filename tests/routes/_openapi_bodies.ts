/**
 * Request bodies made from the OpenAPI document's JSON schemas, as
 * schemathesis makes them: a fast-check arbitrary for a schema (objects,
 * arrays and tuples with their lengths, numbers, integers and strings with
 * their bounds, enums and constants, any-of), so that a test can send bodies
 * the document accepts and check what the server answers.
 *
 * @module
 */

import fc from "fast-check";

/** A JSON schema, as the OpenAPI 3.1 document writes it. */
export type Schema = {
  $ref?: string;
  type?: string | string[];
  anyOf?: Schema[];
  oneOf?: Schema[];
  enum?: unknown[];
  const?: unknown;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema | false;
  prefixItems?: Schema[];
  minItems?: number;
  maxItems?: number;
  minimum?: number;
  maximum?: number;
  maxLength?: number;
  minLength?: number;
};

/** The most items an array gets beyond its minimum: bodies stay small. */
const EXTRA_ITEMS = 3;

/** Whether a value is what a JSON document can hold (no NaN, no infinity, no -0). */
const finite = (value: number) =>
  Number.isFinite(value) && !Object.is(value, -0);

function number(schema: Schema, integer: boolean): fc.Arbitrary<number> {
  const { minimum: min, maximum: max } = schema;
  if (integer) {
    return fc.integer({ min: min ?? -1000, max: max ?? 1000 });
  }
  const bounded = fc.double({ min: min ?? 0, max: max ?? 1, noNaN: true });
  if (min !== undefined || max !== undefined) return bounded.filter(finite);
  // mostly in [0, 1], as pixels are, and any finite double besides
  return fc.oneof(
    { arbitrary: bounded, weight: 3 },
    { arbitrary: fc.constantFrom(0, 1, 0.5), weight: 1 },
    {
      arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true }),
      weight: 1,
    },
  ).filter(finite);
}

function array(
  schema: Schema,
  of: (schema: Schema) => fc.Arbitrary<unknown>,
): fc.Arbitrary<unknown> {
  if (schema.prefixItems) return fc.tuple(...schema.prefixItems.map(of));
  const minLength = schema.minItems ?? 0;
  const maxLength = Math.min(
    schema.maxItems ?? Infinity,
    minLength + EXTRA_ITEMS,
  );
  const item = schema.items ? of(schema.items) : fc.jsonValue({ maxDepth: 1 });
  return fc.array(item, { minLength, maxLength });
}

function object(
  schema: Schema,
  of: (schema: Schema) => fc.Arbitrary<unknown>,
): fc.Arbitrary<unknown> {
  const properties = schema.properties ?? {};
  const model = Object.fromEntries(
    Object.entries(properties).map(([key, value]) => [key, of(value)]),
  );
  return fc.record(model, { requiredKeys: schema.required ?? [] });
}

/**
 * An arbitrary of the JSON values that `schema` accepts, its `$ref`s looked
 * up in `document.components.schemas`.
 *
 * @throws {Error} For a schema it cannot make values of (a test's bug).
 */
export function arbitraryOf(
  schema: Schema,
  document: { components?: { schemas?: Record<string, Schema> } },
): fc.Arbitrary<unknown> {
  const of = (schema: Schema): fc.Arbitrary<unknown> => {
    if (schema.$ref) {
      const name = schema.$ref.replace("#/components/schemas/", "");
      const target = document.components?.schemas?.[name];
      if (!target) throw new Error(`No schema ${schema.$ref}`);
      return of(target);
    }
    if ("const" in schema) return fc.constant(schema.const);
    if (schema.enum) return fc.constantFrom(...schema.enum);
    const choices = schema.anyOf ?? schema.oneOf;
    if (choices) return fc.oneof(...choices.map(of));
    if (Array.isArray(schema.type)) {
      return fc.oneof(...schema.type.map((type) => of({ ...schema, type })));
    }
    switch (schema.type) {
      case "object":
        return object(schema, of);
      case "array":
        return array(schema, of);
      case "number":
      case "integer":
        return number(schema, schema.type === "integer");
      case "string":
        return fc.string({
          minLength: schema.minLength ?? 0,
          maxLength: Math.min(schema.maxLength ?? 20, 20),
        });
      case "boolean":
        return fc.boolean();
      case "null":
        return fc.constant(null);
      case undefined:
        return fc.jsonValue({ maxDepth: 1 });
    }
    throw new Error(`Cannot make values of ${JSON.stringify(schema)}`);
  };
  return of(schema);
}
