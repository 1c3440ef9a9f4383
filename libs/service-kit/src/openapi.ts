import type { DynamicModule, INestApplication, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { REJECTION_STATUS } from './errors.js';

/**
 * A service's OpenAPI document, made to follow from the shared pattern rather than from what each
 * controller remembers to say: the security of every operation comes from `Public()` /
 * `RequireScope()` (the guard's own metadata), and the problem+json answers of every operation
 * from the one error mapping (REJECTION_STATUS and the edge's problems), documented once as
 * components and referenced. Served at /docs (bootstrap.ts) and generated to
 * services/<service>/generated/openapi.json, which redocly lints in `./highland test`.
 */
export interface OpenApiInfo {
  service: string;
  title: string;
  description: string;
  version?: string;
}

/** Vendor extensions `Public()` and `RequireScope()` leave on an operation (auth.ts). */
export const PUBLIC_EXTENSION = 'x-highland-public';
export const SCOPE_EXTENSION = 'x-highland-scope';

const PROBLEM_JSON = 'application/problem+json';
const PROBLEM_SCHEMA = '#/components/schemas/Problem';
const SECURED: Array<Record<string, string[]>> = [{ bearer: [] }, { apiKey: [] }];
const WRITES = new Set(['post', 'put', 'patch', 'delete']);
const SHARED_HEADERS = { HighlandUser: 'X-Highland-User', IdempotencyKey: 'Idempotency-Key' } as const;
const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

/** The problem answers, by status: every one a component `responses/<name>`. */
const PROBLEMS = {
  400: {
    name: 'InvalidRequest',
    description: problem(
      REJECTION_STATUS.invalid.title,
      'a parameter, header or the body breaks its schema; `errors` names each field and why',
    ),
  },
  401: {
    name: 'Unauthenticated',
    description: problem(
      'Authentication required',
      'no API key, or one that is not known (revoked, mistyped)',
    ),
  },
  403: {
    name: 'Forbidden',
    description: problem(
      REJECTION_STATUS.forbidden.title,
      "the key's department lacks the scope this operation needs (`requiredScope`)",
    ),
  },
  404: {
    name: 'NotFound',
    description: problem(REJECTION_STATUS['not-found'].title, 'nothing has the id or code in the path'),
  },
  409: {
    name: 'Conflict',
    description: problem(
      REJECTION_STATUS.conflict.title,
      'the current state refuses the change, or a request with this Idempotency-Key is still in progress',
    ),
  },
  413: {
    name: 'PayloadTooLarge',
    description: problem('Payload too large', 'the request body is larger than this endpoint accepts'),
  },
  422: {
    name: 'Unprocessable',
    description: problem(
      REJECTION_STATUS.unprocessable.title,
      'the request is well formed but the rules refuse it, or this Idempotency-Key was used for a different request',
    ),
  },
  429: {
    name: 'TooManyRequests',
    description: problem(
      'Too many requests',
      "the caller (its API key, or its address when anonymous) spent this replica's request budget; retry after `Retry-After` seconds",
    ),
  },
  500: {
    name: 'InternalError',
    description: problem(
      'Internal error',
      'an unexpected error: nothing was recorded unless the answer says so',
    ),
  },
  503: {
    name: 'Unavailable',
    description: problem(
      'Service unavailable',
      'NATS or a service this request depends on did not answer; retry after `Retry-After` seconds',
    ),
  },
} as const;
type ProblemStatus = keyof typeof PROBLEMS;

/** Answers that say when to try again (ProblemFilter, RequestLimiter). */
const RETRY_AFTER = new Set([429, 503]);

function retryAfterHeader() {
  return { description: 'seconds to wait before retrying', schema: { type: 'integer' as const, minimum: 1 } };
}

function problem(title: string, when: string): string {
  return `${title}: ${when} (RFC 9457 problem+json).`;
}

/** The document of a built app (the one that serves it, or a preview: see openApiDocumentOf). */
export function buildOpenApiDocument(app: INestApplication, info: OpenApiInfo): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle(info.title)
    .setDescription(info.description)
    .setVersion(info.version ?? '1.0.0')
    .addServer('/', `the ${info.service} service that serves this document`)
    .addBearerAuth(
      { type: 'http', scheme: 'bearer', description: 'a department API key (./highland keys create)' },
      'bearer',
    )
    .addApiKey(
      {
        type: 'apiKey',
        in: 'header',
        name: 'X-Api-Key',
        description: 'the same API key, in a header of its own',
      },
      'apiKey',
    )
    .build();
  return followPattern(SwaggerModule.createDocument(app, config));
}

/**
 * The document without running the service: Nest's preview mode builds the module graph and the
 * routes but instantiates no provider, so nothing connects to NATS or the store.
 */
export async function openApiDocumentOf(
  module: Type<unknown> | DynamicModule,
  info: OpenApiInfo,
): Promise<OpenAPIObject> {
  const app = await NestFactory.create(module, { preview: true, logger: false, abortOnError: false });
  try {
    return buildOpenApiDocument(app, info);
  } finally {
    await app.close();
  }
}

/** The JSON text committed as services/<service>/generated/openapi.json. */
export function openApiJson(doc: OpenAPIObject): string {
  return `${JSON.stringify(doc, null, 2)}\n`;
}

type Operation = NonNullable<OpenAPIObject['paths'][string]['get']>;

function followPattern(doc: OpenAPIObject): OpenAPIObject {
  // Nest leaves an empty contact and an empty tag list; neither says anything.
  if (doc.info.contact && Object.keys(doc.info.contact).length === 0) delete doc.info.contact;
  if (doc.tags?.length === 0) delete doc.tags;
  const components = (doc.components ??= {});
  components.schemas = { ...components.schemas, Problem: problemSchema() };
  components.responses = {
    ...components.responses,
    ...Object.fromEntries(
      Object.entries(PROBLEMS).map(([status, p]) => [
        p.name,
        {
          description: p.description,
          ...(RETRY_AFTER.has(Number(status)) ? { headers: { 'Retry-After': retryAfterHeader() } } : {}),
          content: { [PROBLEM_JSON]: { schema: { $ref: PROBLEM_SCHEMA } } },
        },
      ]),
    ),
  };
  components.parameters = {
    ...components.parameters,
    HighlandUser: {
      name: SHARED_HEADERS.HighlandUser,
      in: 'header',
      required: false,
      description:
        "who acts, recorded with the key's department on every event (default: the key's label); letters, digits, spaces and ._@-",
      schema: { type: 'string', minLength: 1, maxLength: 200 },
    },
    IdempotencyKey: {
      name: SHARED_HEADERS.IdempotencyKey,
      in: 'header',
      required: false,
      description: 'a retry with the same key gets the first answer again instead of a second change',
      schema: { type: 'string', minLength: 1, maxLength: 200 },
    },
  };
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const method of METHODS) {
      const op = item[method];
      if (op) completeOperation(op, method, path);
    }
  }
  return doc;
}

function completeOperation(op: Operation, method: (typeof METHODS)[number], path: string): void {
  const ext = op as Operation & Record<string, unknown>;
  const isPublic = ext[PUBLIC_EXTENSION] === true;
  delete ext[PUBLIC_EXTENSION];
  const scope = typeof ext[SCOPE_EXTENSION] === 'string' ? ext[SCOPE_EXTENSION] : undefined;
  op.security = isPublic ? [] : SECURED;

  // The headers every secured operation (the guard) and every POST (the idempotency interceptor)
  // reads, unless the controller describes them itself.
  const parameters = (op.parameters ??= []);
  const headers: Array<keyof typeof SHARED_HEADERS> = isPublic ? [] : ['HighlandUser'];
  if (method === 'post') headers.push('IdempotencyKey');
  for (const name of headers) {
    const header = SHARED_HEADERS[name].toLowerCase();
    const described = parameters.some(
      (p) => 'name' in p && p.in === 'header' && p.name.toLowerCase() === header,
    );
    if (!described) parameters.push({ $ref: `#/components/parameters/${name}` });
  }

  // 400 everywhere: the body parsers run before any route, so even a GET with a malformed JSON
  // body is answered with an invalid-request problem.
  const statuses: ProblemStatus[] = [400];
  if (!isPublic) statuses.push(401);
  if (scope) statuses.push(403);
  if (path.includes('{')) statuses.push(404);
  if (WRITES.has(method)) statuses.push(409, 422);
  if (op.requestBody !== undefined) statuses.push(413);
  // Every documented route takes from the caller's budget (RequestLimiter; only probes do not).
  statuses.push(429, 500, 503);

  const responses = op.responses;
  for (const status of statuses) {
    const code = String(status);
    const given = responses[code];
    if (!given) {
      responses[code] = { $ref: `#/components/responses/${PROBLEMS[status].name}` };
    } else if (!('$ref' in given) && !given.content) {
      // A controller's own description of the case (which standard, which field) stays; the body
      // is the shared problem.
      given.content = { [PROBLEM_JSON]: { schema: { $ref: PROBLEM_SCHEMA } } };
    }
  }
  op.responses = sortResponses(responses);
}

function sortResponses(responses: Operation['responses']): Operation['responses'] {
  return Object.fromEntries(Object.entries(responses).sort(([a], [b]) => a.localeCompare(b)));
}

/** RFC 9457, as ProblemFilter writes it. */
function problemSchema() {
  return {
    type: 'object' as const,
    description: 'An error answer (RFC 9457): what went wrong, and each field at fault with the reason.',
    required: ['type', 'title', 'status'],
    properties: {
      type: { type: 'string' as const, format: 'uri', example: 'https://highland.invalid/problems/invalid' },
      title: { type: 'string' as const, example: 'Invalid request' },
      status: { type: 'integer' as const, example: 400 },
      detail: { type: 'string' as const, example: 'invalid body' },
      instance: { type: 'string' as const, description: 'the request path', example: '/standards' },
      errors: {
        type: 'array' as const,
        items: {
          type: 'object' as const,
          required: ['field', 'reason'],
          properties: {
            field: { type: 'string' as const, example: 'body.code' },
            reason: { type: 'string' as const, example: 'Required' },
          },
        },
      },
    },
    additionalProperties: true,
  };
}
