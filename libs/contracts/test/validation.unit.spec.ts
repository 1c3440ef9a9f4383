import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { catalog, compiledValidator, inputJsonSchema } from '../src/index.js';

type Schema = Record<string, unknown> & {
  type?: string;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  enum?: unknown[];
  const?: unknown;
  pattern?: string;
  anyOf?: Schema[];
  oneOf?: Schema[];
};

/** Values that satisfy a JSON Schema of the shapes zod emits for our contracts. */
function valid(schema: Schema): fc.Arbitrary<unknown> {
  if ('const' in schema) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  if (schema.anyOf) return fc.oneof(...schema.anyOf.map(valid));
  // a discriminated union (incentives' eligibility rules): each branch by its own discriminator
  if (schema.oneOf) return fc.oneof(...schema.oneOf.map(valid));
  switch (schema.type) {
    case 'object': {
      const props = schema.properties ?? {};
      const required = new Set(schema.required ?? []);
      const record = Object.fromEntries(Object.entries(props).map(([k, s]) => [k, valid(s)]));
      return fc.record(record, { requiredKeys: [...required] });
    }
    case 'array':
      return fc.array(valid(schema.items ?? {}), {
        minLength: Math.min((schema.minItems as number | undefined) ?? 0, 3),
        maxLength: 3,
      });
    case 'string':
      if (schema.format === 'uri') return fc.oneof(fc.webUrl(), fc.string({ maxLength: 12 }));
      if (schema.pattern) return fc.stringMatching(new RegExp(schema.pattern));
      return fc.string({
        minLength: (schema.minLength as number | undefined) ?? 0,
        maxLength: Math.min((schema.maxLength as number | undefined) ?? 20, 20),
      });
    case 'integer':
      return fc.integer({
        min:
          (schema.minimum as number | undefined) ??
          ((schema.exclusiveMinimum as number | undefined) ?? -1e6) + 1,
        max: Math.min((schema.maximum as number | undefined) ?? 1e6, 1e6),
      });
    case 'number': {
      // Bounds as declared (areas, coordinates, percentages), else any finite double.
      const min = (schema.minimum ?? schema.exclusiveMinimum) as number | undefined;
      const max = (schema.maximum ?? schema.exclusiveMaximum) as number | undefined;
      return fc.double({
        noNaN: true,
        noDefaultInfinity: true,
        ...(min === undefined ? {} : { min, minExcluded: schema.exclusiveMinimum !== undefined }),
        ...(max === undefined ? {} : { max, maxExcluded: schema.exclusiveMaximum !== undefined }),
      });
    }
    case 'boolean':
      return fc.boolean();
    default:
      return fc.jsonValue();
  }
}

/** Replaces the value at a random path of `value` (or adds an unknown key, or drops one). */
function broken(value: unknown): fc.Arbitrary<unknown> {
  const paths: string[][] = [];
  const walk = (v: unknown, path: string[]) => {
    paths.push(path);
    if (v && typeof v === 'object') for (const [k, c] of Object.entries(v)) walk(c, [...path, k]);
  };
  walk(value, []);
  const odd = fc.oneof(
    fc.jsonValue(),
    fc.constantFrom('', 'x'.repeat(2_001), -1, 0, 1.5, 2 ** 53, null, [], {}, '2026-02-30', 'NOT-A-UUID'),
  );
  return fc
    .tuple(fc.constantFrom(...paths), odd, fc.constantFrom('replace', 'add', 'drop'))
    .map(([path, replacement, how]) => {
      const copy = structuredClone(value) as Record<string, unknown>;
      if (path.length === 0) return how === 'replace' ? replacement : copy;
      let parent: Record<string, unknown> = copy;
      for (const k of path.slice(0, -1)) parent = parent[k] as Record<string, unknown>;
      const key = path.at(-1)!;
      if (how === 'drop') delete parent[key];
      else if (how === 'add') parent[`${key}Extra`] = replacement;
      else parent[key] = replacement;
      return copy;
    });
}

describe('compiled envelope validation', () => {
  for (const contract of catalog) {
    it(`agrees with zod on ${contract.type} v${contract.version}, valid and broken`, () => {
      const fast = compiledValidator(contract.envelope);
      const events = valid(inputJsonSchema(contract.envelope));
      let validSeen = 0;
      let invalidSeen = 0;
      fc.assert(
        fc.property(
          events.chain((e) => fc.tuple(fc.constant(e), broken(e))),
          ([event, mutated]) => {
            for (const candidate of [event, mutated]) {
              const zod = contract.envelope.safeParse(candidate).success;
              expect(fast(candidate), JSON.stringify(candidate)).toBe(zod);
              if (zod) validSeen++;
              else invalidSeen++;
            }
          },
        ),
        { numRuns: 300 },
      );
      // Both verdicts were exercised (a generator that only made one kind would prove nothing).
      expect(validSeen).toBeGreaterThan(100);
      expect(invalidSeen).toBeGreaterThan(100);
    });
  }

  it('keeps zod as the judge: check() explains what the compiled validator refuses', () => {
    const contract = catalog[0]!;
    const result = contract.check({ type: contract.type, version: contract.version });
    expect(result.success).toBe(false);
    expect(result.success ? [] : result.issues.map((i) => i.path.join('.'))).toContain('id');
  });
});
