import { hasScope } from './api-keys.js';
import { PUBLIC_EXTENSION, SCOPE_EXTENSION } from './openapi.js';

/**
 * Who may do what, declared once: the caller kinds every service is tried with, and what each may
 * expect of an operation, derived from the operation's own declared security (the `Public()` /
 * `RequireScope()` metadata the OpenAPI documents carry) and the one rule of what a key's scopes
 * grant (`hasScope`). The authorization-matrix test (test/authz-matrix.int.spec.ts) walks every
 * (caller kind × service × operation) cell of it against the running services.
 */

/** The kinds of caller. */
export const CALLER_KINDS = ['anonymous', 'office', 'department', 'other-service', 'exporter'] as const;
export type CallerKind = (typeof CALLER_KINDS)[number];

/** One caller of a service: a kind, and the key it holds (none when anonymous). */
export interface Caller {
  kind: CallerKind;
  /** A readable name for reports, e.g. `department(registry:standards)`. */
  name: string;
  key?: { department: string; scopes: string[] };
}

/** The security an operation declares: public, or the scope it needs (none: any known key). */
export interface OperationSecurity {
  public: boolean;
  scope?: string;
}

/** What a caller may expect of an operation. */
export type Access = 'allowed' | 'unauthenticated' | 'forbidden';
/** The status each denial answers with. */
export const DENIAL_STATUS = { unauthenticated: 401, forbidden: 403 } as const;

/**
 * What a caller holding `callerScopes` (undefined: no key at all) may expect of an operation:
 * public operations are open to everyone; a secured one needs a key (401 otherwise) holding its
 * scope (403 otherwise). A key not known to the service (revoked) is `undefined` too.
 */
export function expectedAccess(
  callerScopes: readonly string[] | undefined,
  operation: OperationSecurity,
): Access {
  if (operation.public) return 'allowed';
  if (callerScopes === undefined) return 'unauthenticated';
  if (operation.scope && !hasScope({ scopes: [...callerScopes] }, operation.scope)) return 'forbidden';
  return 'allowed';
}

/** Department of an exporter's keys; the TBT service answers 404 on another exporter's data. */
export const exporterDepartment = (exporterId: string) => `exp-${exporterId}`;
/** The scope an exporter's key holds (the reads of the TBT service). */
export const EXPORTER_SCOPE = 'tbt:read';

/**
 * The callers a service is tried with: anonymous, the office (`*`), one department key per scope
 * the service declares (holding exactly that scope), a department holding only another service's
 * scope, and an exporter.
 */
export function callersOf(service: string, serviceScopes: readonly string[], otherScope: string): Caller[] {
  if (otherScope.startsWith(`${service}:`)) throw new Error(`${otherScope} is a scope of ${service} itself`);
  return [
    { kind: 'anonymous', name: 'anonymous' },
    { kind: 'office', name: 'office', key: { department: 'office', scopes: ['*'] } },
    ...[...new Set(serviceScopes)].sort().map((scope): Caller => ({
      kind: 'department',
      name: `department(${scope})`,
      key: { department: `dept-${scope.replace(/[^a-z]+/g, '-')}`, scopes: [scope] },
    })),
    {
      kind: 'other-service',
      name: `other-service(${otherScope})`,
      key: { department: 'dept-elsewhere', scopes: [otherScope] },
    },
    {
      kind: 'exporter',
      name: 'exporter',
      key: { department: exporterDepartment('matrix'), scopes: [EXPORTER_SCOPE] },
    },
  ];
}

/** One operation of a service's OpenAPI document, with its declared security. */
export interface DocumentedOperation {
  method: string;
  path: string;
  operationId?: string;
  security: OperationSecurity;
}

const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;

interface OpenApiLike {
  paths: Record<string, Partial<Record<string, Record<string, unknown>>>>;
}

/**
 * Every operation of an OpenAPI document with its security: `x-highland-public: true` (or the
 * `security: []` the generator leaves for public operations) or `x-highland-scope`.
 */
export function documentedOperations(doc: OpenApiLike): DocumentedOperation[] {
  const operations: DocumentedOperation[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const method of METHODS) {
      const op = item[method];
      if (!op) continue;
      const security = op.security as unknown[] | undefined;
      const isPublic = op[PUBLIC_EXTENSION] === true || (Array.isArray(security) && security.length === 0);
      const scope = typeof op[SCOPE_EXTENSION] === 'string' ? op[SCOPE_EXTENSION] : undefined;
      if (isPublic && scope) throw new Error(`${method} ${path} is declared both public and scoped`);
      operations.push({
        method,
        path,
        operationId: typeof op.operationId === 'string' ? op.operationId : undefined,
        security: { public: isPublic, scope },
      });
    }
  }
  return operations;
}

/**
 * The TBT reads an exporter may make only of itself: another exporter's id answers 404 (not 403),
 * so the ids of others cannot even be probed. The centre and the office see all.
 */
export const EXPORTER_OWN_READS = [
  '/exporters/{id}',
  '/exporters/{id}/alerts',
  '/exporters/{id}/deliveries',
  '/exporters/{id}/alerts/stream',
] as const;
