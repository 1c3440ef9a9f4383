import { loadConfigOrExit, runService } from '@highland/service-kit';
import { RegistryConfig } from './config.js';
import { registryService } from './service.js';

await runService(registryService(loadConfigOrExit(RegistryConfig)));
