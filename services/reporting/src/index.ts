export * from './service.js';
export { ReportingView } from './view/reporting-view.js';
export { progressBucket, progressSubject } from './progress/progress-publisher.js';
