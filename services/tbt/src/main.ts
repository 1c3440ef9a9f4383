import { BaseConfig, loadConfigOrExit, runService } from '@highland/service-kit';
import { tbtService } from './service.js';

await runService(tbtService(loadConfigOrExit(BaseConfig)));
