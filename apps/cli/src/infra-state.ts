import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { highlandHome } from '@highland/infra';

/** What `infra up` leaves behind so `infra status|down` and `up` can find the running servers. */
export interface InfraState {
  pids: number[];
  natsUrl: string;
  mongoUrl: string;
  natsKind: string;
  mongoKind: string;
  dataDir: string;
  /** The NATS users' seed files, when the NATS started by `infra up` requires them. */
  natsCredentialsDir?: string;
  logFiles: string[];
  startedAt: string;
}

const stateFile = () => join(highlandHome(), 'infra', 'state.json');

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export function readInfraState(): InfraState | undefined {
  if (!existsSync(stateFile())) return undefined;
  const state = JSON.parse(readFileSync(stateFile(), 'utf8')) as InfraState;
  return state.pids.some(isAlive) ? state : undefined;
}

export function writeInfraState(state: InfraState): void {
  mkdirSync(join(highlandHome(), 'infra'), { recursive: true });
  writeFileSync(stateFile(), JSON.stringify(state, null, 2));
}

export function clearInfraState(): void {
  rmSync(stateFile(), { force: true });
}
