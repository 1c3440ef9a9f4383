import { describe, expect, it } from 'vitest';
import { callersOf, documentedOperations, expectedAccess } from '../src/access.js';

describe('expectedAccess', () => {
  const secured = { public: false, scope: 'registry:standards' };
  it('opens public operations to everyone', () => {
    expect(expectedAccess(undefined, { public: true })).toBe('allowed');
    expect(expectedAccess(['tbt:read'], { public: true })).toBe('allowed');
  });
  it('wants a key, then the scope', () => {
    expect(expectedAccess(undefined, secured)).toBe('unauthenticated');
    expect(expectedAccess(['tbt:notifications'], secured)).toBe('forbidden');
    expect(expectedAccess(['registry:read'], secured)).toBe('forbidden');
    expect(expectedAccess(['registry:standards'], secured)).toBe('allowed');
    expect(expectedAccess(['registry:*'], secured)).toBe('allowed');
    expect(expectedAccess(['*'], secured)).toBe('allowed');
  });
  it('lets any scope of a service read it, and no other service', () => {
    const read = { public: false, scope: 'registry:read' };
    expect(expectedAccess(['registry:filings'], read)).toBe('allowed');
    expect(expectedAccess(['tbt:read'], read)).toBe('forbidden');
  });
});

describe('documentedOperations and callersOf', () => {
  it('reads public and scoped operations from a generated document', () => {
    const ops = documentedOperations({
      paths: {
        '/a': {
          get: { security: [] },
          post: { security: [{ bearer: [] }], 'x-highland-scope': 'svc:write' },
        },
        '/b/{id}': { get: { 'x-highland-public': true } },
      },
    });
    expect(ops.map((o) => [o.method, o.path, o.security])).toEqual([
      ['get', '/a', { public: true, scope: undefined }],
      ['post', '/a', { public: false, scope: 'svc:write' }],
      ['get', '/b/{id}', { public: true, scope: undefined }],
    ]);
  });
  it('tries each declared scope alone, another service, the office, an exporter and no key', () => {
    const callers = callersOf('svc', ['svc:write', 'svc:read', 'svc:write'], 'other:read');
    expect(callers.map((c) => c.name)).toEqual([
      'anonymous',
      'office',
      'department(svc:read)',
      'department(svc:write)',
      'other-service(other:read)',
      'exporter',
    ]);
    expect(() => callersOf('svc', [], 'svc:read')).toThrow();
  });
});
