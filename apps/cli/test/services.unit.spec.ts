import { describe, expect, it } from 'vitest';
import { withDatabase } from '../src/services.js';

describe('withDatabase', () => {
  it('puts the database in the path and keeps the query', () => {
    expect(withDatabase('mongodb://127.0.0.1:17017/', 'registry')).toBe('mongodb://127.0.0.1:17017/registry');
    expect(withDatabase('mongodb://mongo:27017/old?replicaSet=rs0', 'reporting')).toBe(
      'mongodb://mongo:27017/reporting?replicaSet=rs0',
    );
  });
});
