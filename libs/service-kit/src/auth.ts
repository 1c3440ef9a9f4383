import {
  applyDecorators,
  type CanActivate,
  type ExecutionContext,
  Inject,
  Injectable,
  SetMetadata,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ApiExtension } from '@nestjs/swagger';
import type { Actor } from '@highland/contracts';
import type { Request as ExpressRequest } from 'express';
import { type ApiKeyRecord, type ApiKeyStore, hasScope } from './api-keys.js';
import { ForbiddenProblem, UnauthorizedProblem, ValidationProblem } from './errors.js';
import { PUBLIC_EXTENSION, SCOPE_EXTENSION } from './openapi.js';
import type { RequestLimiter } from './rate-limit.js';
import { API_KEYS, REQUEST_LIMITER } from './tokens.js';

const SCOPE = 'highland:scope';
const PUBLIC = 'highland:public';

/** The scope a route needs, e.g. `@RequireScope('registry:standards')`; the OpenAPI document says so too. */
export const RequireScope = (scope: string) =>
  applyDecorators(SetMetadata(SCOPE, scope), ApiExtension(SCOPE_EXTENSION, scope));
/** A route anyone may call (health, docs, public dashboards): `security: []` in the OpenAPI document. */
export const Public = () => applyDecorators(SetMetadata(PUBLIC, true), ApiExtension(PUBLIC_EXTENSION, true));

export interface AuthenticatedRequest extends ExpressRequest {
  caller?: { record: ApiKeyRecord; actor: Actor };
}

const USER = /^[\p{L}\p{N}._@ -]{1,200}$/u;

/** API key from `Authorization: Bearer <key>` or `X-Api-Key`; the department is stamped on every event. */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(
    @Inject(API_KEYS) private readonly keys: ApiKeyStore,
    @Inject(Reflector) private readonly reflector: Reflector,
    @Inject(REQUEST_LIMITER) private readonly limiter: RequestLimiter,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC, targets)) {
      const req = context.switchToHttp().getRequest<AuthenticatedRequest>();
      // Probes and scrapers are the platform's own; anonymous readers are limited by address.
      if (!req.path.startsWith('/health/') && req.path !== '/metrics')
        await this.limiter.take(`ip:${req.ip ?? 'unknown'}`);
      return true;
    }
    const scope = this.reflector.getAllAndOverride<string | undefined>(SCOPE, targets);
    const req = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const header = req.headers.authorization;
    const key = header?.startsWith('Bearer ')
      ? header.slice(7).trim()
      : (req.headers['x-api-key'] as string | undefined);
    if (!key) throw new UnauthorizedProblem('send your department API key as "Authorization: Bearer <key>"');
    const record = this.keys.lookup(key);
    if (!record) throw new UnauthorizedProblem('the API key is not known (revoked, or mistyped)');
    await this.limiter.take(`key:${record.department}/${record.label}/${record.createdAt}`);
    if (scope && !hasScope(record, scope)) {
      throw new ForbiddenProblem(
        `the key of department "${record.department}" lacks the scope "${scope}"`,
        [],
        {
          requiredScope: scope,
        },
      );
    }
    const user = (req.headers['x-highland-user'] as string | undefined) ?? record.label;
    if (!USER.test(user)) {
      throw new ValidationProblem('invalid X-Highland-User header', [
        {
          field: 'header.x-highland-user',
          reason: 'letters, digits, spaces and ._@- only, at most 200 characters',
        },
      ]);
    }
    req.caller = { record, actor: { department: record.department, user } };
    return true;
  }
}

export function callerOf(req: AuthenticatedRequest): { record: ApiKeyRecord; actor: Actor } {
  if (!req.caller) throw new UnauthorizedProblem('not authenticated');
  return req.caller;
}
