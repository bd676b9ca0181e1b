/** Reference data as routes: the workflows one may file, the published checklist, the working calendar. */
export { CALENDAR_ROUTES, calendarRouter } from './calendar-routes.ts';
export { CHECKLIST_ROUTES, checklistRouter } from './checklist-routes.ts';
export { WORKFLOW_ROUTES, workflowsRouter } from './workflow-routes.ts';
