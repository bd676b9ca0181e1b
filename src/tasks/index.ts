/** The clerk's inbox: the tasks router and the view of a task the case page shares. */
export { TASK_ROUTES, tasksRouter } from './routes.ts';
export { taskView } from './view.ts';
