import { BaseConfig } from '@highland/service-kit';

/** The incentives service reads only the shared variables (see the README's configuration table). */
export const IncentivesConfig = BaseConfig;
