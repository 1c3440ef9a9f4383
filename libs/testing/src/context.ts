export type ServerSource = 'env' | 'testcontainers' | 'embedded';

declare module 'vitest' {
  export interface ProvidedContext {
    natsUrl: string;
    mongoUrl: string;
    /** Where the servers came from, and which store answers: lets conformance tests state expectations per server. */
    serverSource: ServerSource;
    mongoKind: 'ferretdb' | 'mongodb';
  }
}
