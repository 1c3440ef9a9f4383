import { execFile } from 'node:child_process';

/** True only when a Docker engine answers (the client alone is not enough). */
export function dockerEngineAnswers(timeoutMs = 5_000): Promise<boolean> {
  return new Promise((resolveP) => {
    execFile('docker', ['info', '--format', '{{.ServerVersion}}'], { timeout: timeoutMs }, (err, stdout) =>
      resolveP(!err && stdout.trim().length > 0),
    );
  });
}
