// The OpenAPI document follows from the guard's metadata and the one error mapping, whatever a
// controller remembers to declare.
import { Body, Controller, Get, Module, Param, Post } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiResponse } from '@nestjs/swagger';
import { describe, expect, it } from 'vitest';
import { Public, RequireScope } from '../src/auth.js';
import { REJECTION_STATUS } from '../src/errors.js';
import { openApiDocumentOf } from '../src/openapi.js';

@Controller('things')
class ThingsController {
  @Public()
  @Get()
  @ApiOperation({ summary: 'every thing' })
  list() {
    return [];
  }

  @Get(':id')
  @RequireScope('things:read')
  @ApiOperation({ summary: 'one thing' })
  @ApiResponse({ status: 200, description: 'the thing' })
  @ApiResponse({ status: 404, description: 'no such thing' })
  one(@Param('id') id: string) {
    return { id };
  }

  @Post()
  @ApiOperation({ summary: 'record a thing' })
  @ApiBody({ schema: { type: 'object' } })
  record(@Body() body: unknown) {
    return body;
  }
}

@Public()
@Controller('open')
class OpenController {
  @Get('status')
  @ApiOperation({ summary: 'status' })
  status() {
    return 'ok';
  }
}

@Module({ controllers: [ThingsController, OpenController] })
class ThingsModule {}

const doc = await openApiDocumentOf(ThingsModule, {
  service: 'things',
  title: 'Things',
  description: 'test',
});
const list = doc.paths['/things']!.get!;
const one = doc.paths['/things/{id}']!.get!;
const record = doc.paths['/things']!.post!;
const status = doc.paths['/open/status']!.get!;

describe('buildOpenApiDocument', () => {
  it('declares every operation public (security: []) or secured, from Public() and RequireScope()', () => {
    expect(list.security).toEqual([]);
    expect(status.security).toEqual([]);
    const secured = [{ bearer: [] }, { apiKey: [] }];
    expect(one.security).toEqual(secured);
    expect(record.security).toEqual(secured);
    expect(one).toMatchObject({ 'x-highland-scope': 'things:read' });
    expect(Object.keys(doc.components!.securitySchemes!).sort()).toEqual(['apiKey', 'bearer']);
    expect(doc.servers).toEqual([expect.objectContaining({ url: '/' })]);
  });

  it('documents the problem answers of each operation from the shared table', () => {
    expect(Object.keys(list.responses)).toEqual(['200', '400', '429', '500', '503']);
    // 403 only where a scope is needed, 404 only where the path names something.
    expect(Object.keys(one.responses)).toEqual(['200', '400', '401', '403', '404', '429', '500', '503']);
    expect(Object.keys(record.responses)).toEqual([
      '201',
      '400',
      '401',
      '409',
      '413',
      '422',
      '429',
      '500',
      '503',
    ]);
    expect(record.responses['409']).toEqual({ $ref: '#/components/responses/Conflict' });
    expect(doc.components!.responses!.TooManyRequests).toMatchObject({
      headers: { 'Retry-After': { schema: { type: 'integer' } } },
    });
    const conflict = doc.components!.responses!.Conflict as { description: string; content: object };
    expect(conflict.description).toContain(REJECTION_STATUS.conflict.title);
    expect(conflict.content).toEqual({
      'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } },
    });
  });

  it("keeps a controller's own description of a problem, with the shared body", () => {
    expect(one.responses['404']).toEqual({
      description: 'no such thing',
      content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
    });
  });

  it('adds the shared headers: who acts on secured operations, Idempotency-Key on every POST', () => {
    const refs = (op: typeof list) => (op.parameters ?? []).flatMap((p) => ('$ref' in p ? [p.$ref] : []));
    expect(refs(list)).toEqual([]);
    expect(refs(one)).toEqual(['#/components/parameters/HighlandUser']);
    expect(refs(record)).toEqual([
      '#/components/parameters/HighlandUser',
      '#/components/parameters/IdempotencyKey',
    ]);
  });
});
