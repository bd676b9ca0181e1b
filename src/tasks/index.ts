/** The clerk's inbox: the tasks router and the view of a task the case page shares. */
export { TASK_ROUTES, tasksRouter } from './routes.ts';
export { NO_NAMES, taskView, taskUrgency, type Names, type TaskUrgency } from './view.ts';
