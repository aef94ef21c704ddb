// A tiny checker of JSON values against Swagger 2.0 definitions. Toggl's files cannot say
// "nullable" and its responses carry undeclared fields, so null is accepted for any property and
// extra properties are allowed; types of non-null values, enums, required keys and the shape
// (array vs object) are checked strictly.
import { readFileSync } from "node:fs";

export interface Schema {
  type?: string;
  $ref?: string;
  allOf?: Schema[];
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  enum?: unknown[];
  additionalProperties?: Schema | boolean;
}

export interface SwaggerDoc {
  basePath?: string;
  paths: Record<string, Record<string, { responses?: Record<string, { schema?: Schema }> }>>;
  definitions: Record<string, Schema>;
}

export function loadSwagger(file: string | URL): SwaggerDoc {
  return JSON.parse(readFileSync(file, "utf8")) as SwaggerDoc;
}

/** The declared schema of a response, e.g. responseSchema(doc, "/me/quota", "get"). */
export function responseSchema(doc: SwaggerDoc, path: string, method: string, status = "200"): Schema {
  const op = doc.paths[path]?.[method.toLowerCase()];
  if (!op) throw new Error(`no ${method.toUpperCase()} ${path} in the Swagger file`);
  const schema = op.responses?.[status]?.schema;
  if (!schema) throw new Error(`no ${status} schema for ${method.toUpperCase()} ${path}`);
  return schema;
}

function resolve(doc: SwaggerDoc, ref: string): Schema {
  const name = ref.replace(/^#\/definitions\//, "");
  const def = doc.definitions[name];
  if (!def) throw new Error(`unknown definition ${ref}`);
  return def;
}

function typeOf(value: unknown): string {
  if (Array.isArray(value)) return "array";
  if (value === null) return "null";
  if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
  return typeof value;
}

/** Problems found, as "path: message" strings; empty when the value fits. */
export function check(doc: SwaggerDoc, schema: Schema, value: unknown, at = "$", depth = 0): string[] {
  if (depth > 40) return [];
  if (value === null) return [];
  if (schema.$ref) return check(doc, resolve(doc, schema.$ref), value, at, depth + 1);
  const problems: string[] = [];
  for (const part of schema.allOf ?? []) problems.push(...check(doc, part, value, at, depth + 1));
  const actual = typeOf(value);
  if (schema.type) {
    const fits = schema.type === actual || (schema.type === "number" && actual === "integer");
    if (!fits) return [...problems, `${at}: expected ${schema.type}, got ${actual}`];
  }
  if (schema.enum && !schema.enum.includes(value))
    problems.push(`${at}: ${JSON.stringify(value)} is not one of ${JSON.stringify(schema.enum)}`);
  if (actual === "array" && schema.items) {
    (value as unknown[]).forEach((item, i) =>
      problems.push(...check(doc, schema.items!, item, `${at}[${i}]`, depth + 1)),
    );
  }
  if (actual === "object" && (schema.properties || schema.required)) {
    const obj = value as Record<string, unknown>;
    for (const key of schema.required ?? []) if (!(key in obj)) problems.push(`${at}: missing required ${key}`);
    for (const [key, sub] of Object.entries(schema.properties ?? {})) {
      if (key in obj) problems.push(...check(doc, sub, obj[key], `${at}.${key}`, depth + 1));
    }
  }
  return problems;
}
