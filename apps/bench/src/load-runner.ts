import { Worker } from 'node:worker_threads';
import { progress } from './environment.js';
import type {
  CommandsAnswer,
  CommandsJob,
  ImportAnswer,
  ImportJob,
  LoadJob,
  QueriesAnswer,
  QueriesJob,
  WorkerMessage,
} from './load-jobs.js';

type AnswerOf<J extends LoadJob> = J extends ImportJob
  ? ImportAnswer
  : J extends CommandsJob
    ? CommandsAnswer
    : J extends QueriesJob
      ? QueriesAnswer
      : never;

/** The load generator's thread: one job at a time. */
export class LoadRunner {
  private readonly worker = new Worker(new URL('./load-worker.js', import.meta.url));

  run<J extends LoadJob>(job: J): Promise<AnswerOf<J>> {
    return new Promise((resolve, reject) => {
      const onMessage = (message: WorkerMessage) => {
        if (message.type === 'progress') {
          progress(message.text);
          return;
        }
        this.worker.off('message', onMessage);
        this.worker.off('error', onError);
        if (message.type === 'error') reject(new Error(`load worker: ${message.message}`));
        else resolve(message.answer as AnswerOf<J>);
      };
      const onError = (err: Error) => {
        this.worker.off('message', onMessage);
        reject(err);
      };
      this.worker.on('message', onMessage);
      this.worker.once('error', onError);
      this.worker.postMessage(job);
    });
  }

  async close(): Promise<void> {
    await this.worker.terminate();
  }
}
