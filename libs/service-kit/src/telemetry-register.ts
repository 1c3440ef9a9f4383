// Loaded with `node --import`, before the service's modules, so instrumentation can patch them.
import { startTelemetry } from './telemetry.js';

startTelemetry(process.env.OTEL_SERVICE_NAME ?? process.env.HIGHLAND_SERVICE ?? 'highland');
