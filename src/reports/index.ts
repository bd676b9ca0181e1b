/** The auditors' routes: approval-time metrics and the supervision reports, computed by src/metrics. */
export { metricsRouter } from './metrics-routes.ts';
export { reportsRouter } from './report-routes.ts';
