import { loadConfigOrExit, runService } from '@highland/service-kit';
import { IncentivesConfig } from './config.js';
import { incentivesService } from './service.js';

await runService(incentivesService(loadConfigOrExit(IncentivesConfig)));
