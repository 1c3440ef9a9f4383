import { Body, type PipeTransform, Query } from '@nestjs/common';
import { z } from 'zod';
import { ValidationProblem } from './errors.js';

/**
 * A hand-written check that gives exactly the schema's value for an input the schema accepts, or
 * undefined (then the schema decides and explains). For hot endpoints; keep it pinned to the
 * schema by a test.
 */
export type FastParse<T> = (input: unknown) => T | undefined;

/** Validates with a zod schema; a failure is a 400 problem listing every field and its reason. */
export class ZodPipe<S extends z.ZodType> implements PipeTransform<unknown, z.infer<S>> {
  constructor(
    private readonly schema: S,
    private readonly where: 'body' | 'query' = 'body',
    private readonly fast?: FastParse<z.infer<S>>,
  ) {}

  transform(value: unknown): z.infer<S> {
    if (this.fast) {
      const quick = this.fast(value);
      if (quick !== undefined) return quick;
    }
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

export const ZodBody = <S extends z.ZodType>(schema: S, fast?: FastParse<z.infer<S>>) =>
  Body(new ZodPipe(schema, 'body', fast));
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
