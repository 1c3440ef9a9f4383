import { BaseConfig, loadConfigOrExit, runService } from '@highland/service-kit';
import { reportingService } from './service.js';

await runService(reportingService(loadConfigOrExit(BaseConfig)));
