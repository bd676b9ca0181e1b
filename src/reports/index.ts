/** The auditors' routes: approval-time metrics and the supervision reports, computed by src/metrics. */
export { METRICS_ROUTES, metricsRouter } from './metrics-routes.ts';
export { REPORT_ROUTES, reportsRouter } from './report-routes.ts';
