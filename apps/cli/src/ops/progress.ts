// cli-progress (3.12.0): a maintained, widely used progress bar that is TTY-aware — it draws only
// when the stream is a terminal and redraws in place at a bounded frame rate, so piped output, logs
// and CI stay clean. When stderr is not a terminal we log a throttled line instead.
import cliProgress from 'cli-progress';
import { log } from '../output.js';

export interface Progress {
  /** `done` rows (or records) of the total so far. */
  update(done: number): void;
  stop(): void;
}

export function rowsPerSecond(done: number, elapsedMs: number): number {
  return elapsedMs > 0 ? Math.round((done * 1000) / elapsedMs) : 0;
}

export function rowsProgress(
  total: number,
  label: string,
  stream: NodeJS.WriteStream = process.stderr,
  unit = 'rows',
): Progress {
  const started = Date.now();
  const speed = (done: number) => String(rowsPerSecond(done, Date.now() - started));
  if (!stream.isTTY) {
    let lastLog = 0;
    return {
      update(done) {
        if (done < total && Date.now() - lastLog < 2_000) return;
        lastLog = Date.now();
        log(`${label}: ${done}/${total} ${unit} (${speed(done)} ${unit}/s)`);
      },
      stop() {},
    };
  }
  const bar = new cliProgress.SingleBar(
    {
      stream,
      format: `${label} {bar} {percentage}% | {value}/{total} ${unit} | {speed} ${unit}/s | ETA {eta_formatted}`,
      hideCursor: true,
      etaBuffer: 10,
      fps: 10,
    },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total, 0, { speed: '0' });
  return {
    update: (done) => bar.update(done, { speed: speed(done) }),
    stop: () => bar.stop(),
  };
}
