export type ServerSource = 'env' | 'testcontainers' | 'embedded';

declare module 'vitest' {
  export interface ProvidedContext {
    natsUrl: string;
    mongoUrl: string;
    /** Where the servers came from, and which store answers: lets conformance tests state expectations per server. */
    serverSource: ServerSource;
    mongoKind: 'ferretdb' | 'mongodb';
    /** The all-permissions NATS user's seed file (namespaced test platforms share one server); '' when anonymous. */
    natsCredentialsFile: string;
    /** Folder of every NATS user's seed file; '' when the server takes anonymous clients. */
    natsCredentialsDir: string;
  }
}
