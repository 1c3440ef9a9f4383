// The one CSV export of the platform lives in the kit (zones exports too).
export { neutraliseCell, sendCsv } from '@highland/service-kit';
