import { loadConfigOrExit, runService } from '@highland/service-kit';
import { TbtConfig } from './config.js';
import { tbtService } from './service.js';

await runService(tbtService(loadConfigOrExit(TbtConfig)));
