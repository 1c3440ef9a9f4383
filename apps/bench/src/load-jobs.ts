/** What the main thread asks the load worker to do, and what it answers. */

export interface ImportJob {
  kind: 'import';
  base: string;
  key: string;
  /** One JSON array (a POST /import body) per chunk, serialized in advance. */
  bodies: string[];
  /** Rows in each chunk (for lineOffset and the report). */
  rows: number[];
  inFlight: number;
}

export interface ImportChunk {
  ms: number;
  status: number;
  recorded: number;
  unchanged: number;
  rejected: number;
  /** The first rejections, with line and reasons: a generator bug if ever non-empty. */
  errors: string[];
}

export interface ImportAnswer {
  kind: 'import';
  elapsedMs: number;
  chunks: ImportChunk[];
}

export interface StageTarget {
  code: string;
  stage: 'plan-issued' | 'drafting';
}

export interface CommandsJob {
  kind: 'commands';
  base: string;
  key: string;
  clients: number;
  durationMs: number;
  /** For new registrations: a RecordGenerator continuing from the import's counters. */
  seed: number;
  counters: Record<string, number>;
  /** Imported work items to move along their path (plan-issued → … → approval). */
  stageTargets: StageTarget[];
  /** The date of every stage move. */
  on: string;
  /** Alternate new standards and stage moves, or send only one kind. */
  mix: 'mixed' | 'register' | 'stage';
}

export interface CommandStats {
  /** Latencies of the 2xx answers, ms. */
  latencies: number[];
  ok: number;
  /** Non-2xx answers by status (0: the request failed). */
  failed: Record<string, number>;
  sampleErrors: string[];
}

export interface CommandsAnswer {
  kind: 'commands';
  elapsedMs: number;
  /** CPU time of the load worker's thread during the commands (the clients), ms. */
  clientCpuMs: number;
  register: CommandStats;
  stage: CommandStats;
}

export interface QueriesJob {
  kind: 'queries';
  base: string;
  key: string;
  /** Paths with their query strings. */
  paths: string[];
  clients: number;
}

export interface QueriesAnswer {
  kind: 'queries';
  elapsedMs: number;
  latencies: number[];
  failed: Record<string, number>;
  sampleErrors: string[];
  /** Queries whose filter matched at least one standard, and the mean `total` they matched. */
  nonEmpty: number;
  meanTotal: number;
}

export type LoadJob = ImportJob | CommandsJob | QueriesJob;
export type LoadAnswer = ImportAnswer | CommandsAnswer | QueriesAnswer;

export type WorkerMessage =
  | { type: 'progress'; text: string }
  | { type: 'done'; answer: LoadAnswer }
  | { type: 'error'; message: string };
