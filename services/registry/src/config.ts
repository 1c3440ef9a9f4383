import { BaseConfig } from '@highland/service-kit';

/** The registry reads only the shared variables (see the README's configuration table). */
export const RegistryConfig = BaseConfig;
