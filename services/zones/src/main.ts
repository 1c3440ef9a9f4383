import { loadConfigOrExit, runService } from '@highland/service-kit';
import { ZonesConfig } from './config.js';
import { zonesService } from './service.js';

await runService(zonesService(loadConfigOrExit(ZonesConfig)));
