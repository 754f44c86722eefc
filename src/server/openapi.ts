/** The OpenAPI 3.1 document of the API, built from the route table (so it cannot drift from it). */
import { z } from 'zod';
import type { RouteSpec } from './route-table.js';

type JsonObject = Record<string, unknown>;

const ERROR_SCHEMA = {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message'],
      properties: { code: { type: 'string' }, message: { type: 'string' }, field: { type: 'string' } },
    },
  },
};

function schemaOf(schema: z.ZodType): JsonObject {
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonObject;
  delete json.$schema;
  return json;
}

/** Query and path schemas as OpenAPI parameters. */
function parametersOf(schema: z.ZodType | undefined, where: 'query' | 'path'): JsonObject[] {
  if (!schema) return [];
  const json = schemaOf(schema) as { properties?: Record<string, JsonObject>; required?: string[] };
  return Object.entries(json.properties ?? {}).map(([name, property]) => ({
    name,
    in: where,
    required: where === 'path' || (json.required ?? []).includes(name),
    schema: property,
  }));
}

export function openApiDocument(routes: readonly RouteSpec[]): JsonObject {
  const paths: Record<string, JsonObject> = {};
  for (const spec of routes) {
    const path = spec.url.replace(/:([A-Za-z]+)/g, '{$1}');
    const status = String(spec.status ?? 200);
    const responses: JsonObject = {
      [status]: {
        description: 'success',
        content: { [spec.produces ?? 'application/json']: {} },
      },
      '400': { description: 'bad payload', content: { 'application/json': { schema: ERROR_SCHEMA } } },
    };
    if (spec.role !== 'public') {
      responses['401'] = {
        description: 'not logged in',
        content: { 'application/json': { schema: ERROR_SCHEMA } },
      };
      responses['403'] = {
        description: `needs the ${spec.role} role (or a CSRF token)`,
        content: { 'application/json': { schema: ERROR_SCHEMA } },
      };
    }
    paths[path] = {
      ...paths[path],
      [spec.method.toLowerCase()]: {
        summary: spec.summary,
        tags: [spec.tag],
        'x-role': spec.role,
        ...(spec.role === 'public' ? { security: [] } : {}),
        parameters: [...parametersOf(spec.params, 'path'), ...parametersOf(spec.query, 'query')],
        ...(spec.body
          ? {
              requestBody: {
                required: true,
                content: { 'application/json': { schema: schemaOf(spec.body) } },
              },
            }
          : {}),
        responses,
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Bourse API',
      version: '1',
      description:
        'REST API of `bourse serve`. Log in with POST /api/login; browsers then send the session cookie and the `x-csrf-token` header on mutating requests, scripts send `Authorization: Bearer <token>` or HTTP Basic. Streams: WebSocket /api/ws (see docs/api.md).',
    },
    components: {
      securitySchemes: {
        cookie: { type: 'apiKey', in: 'cookie', name: 'bourse_session' },
        bearer: { type: 'http', scheme: 'bearer' },
        basic: { type: 'http', scheme: 'basic' },
      },
    },
    security: [{ cookie: [] }, { bearer: [] }, { basic: [] }],
    paths,
  };
}
