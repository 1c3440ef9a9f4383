import { Body, type PipeTransform, Query } from '@nestjs/common';
import { z } from 'zod';
import { ValidationProblem } from './errors.js';

/** Validates with a zod schema; a failure is a 400 problem listing every field and its reason. */
export class ZodPipe<S extends z.ZodType> implements PipeTransform<unknown, z.infer<S>> {
  constructor(
    private readonly schema: S,
    private readonly where: 'body' | 'query' = 'body',
  ) {}

  transform(value: unknown): z.infer<S> {
    const parsed = this.schema.safeParse(value ?? (this.where === 'query' ? {} : undefined));
    if (parsed.success) return parsed.data;
    throw new ValidationProblem(
      `the request ${this.where} is invalid`,
      parsed.error.issues.map((i) => ({
        field: [this.where, ...i.path.map(String)].join('.'),
        reason: i.message,
      })),
    );
  }
}

export const ZodBody = (schema: z.ZodType) => Body(new ZodPipe(schema, 'body'));
export const ZodQuery = (schema: z.ZodType) => Query(new ZodPipe(schema, 'query'));

/** JSON Schema for OpenAPI from the same zod schema that validates. */
export function openApiSchema(schema: z.ZodType): Record<string, unknown> {
  const json = z.toJSONSchema(schema, {
    target: 'openapi-3.0',
    io: 'input',
    unrepresentable: 'any',
  }) as Record<string, unknown>;
  delete json.$schema;
  return json;
}
