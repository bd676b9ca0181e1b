/** Reference data as routes: the workflows one may file, the published checklist, the working calendar. */
export { calendarRouter } from './calendar-routes.ts';
export { checklistRouter } from './checklist-routes.ts';
export { workflowsRouter } from './workflow-routes.ts';
