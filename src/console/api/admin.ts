/**
 * The administrator's routes the console calls: the checklist and material catalogs with their versions, the
 * working calendar, liaisons, and the timers and outbox messages that failed (docs/api.md, "Administration").
 */
import { get, post, query, request } from './client.ts';
import type { Page } from './index.ts';
import type {
  Calendar,
  CalendarYear,
  Checklist,
  LiaisonAssignment,
  MaterialCatalog,
  OutboxMessage,
  PublishedChecklist,
  PublishedMaterialCatalog,
  Timer,
} from './types.gen.ts';

const A = '/api/v1';
const id = (value: string | number) => encodeURIComponent(String(value));

/** Which of the failing work an administrator lists: parked for good, or still retried. */
export type TroubledStatus = 'dead' | 'retrying';

export const adminApi = {
  checklist: () => get<PublishedChecklist>(`${A}/checklist`),
  publishChecklist: (body: Checklist) => request<PublishedChecklist>('PUT', `${A}/checklist`, { body }),
  catalog: (workflow: string) => get<PublishedMaterialCatalog>(`${A}/workflows/${id(workflow)}/materials`),
  publishCatalog: (workflow: string, body: MaterialCatalog) =>
    request<PublishedMaterialCatalog>('PUT', `${A}/workflows/${id(workflow)}/materials`, { body }),
  calendar: (year: number) => get<Calendar>(`${A}/calendar/${id(year)}`),
  publishCalendar: (year: number, body: CalendarYear) =>
    request<{ year: number; workingDays: number }>('PUT', `${A}/calendar/${id(year)}`, { body }),
  liaison: (uscc: string) => get<LiaisonAssignment>(`${A}/enterprises/${id(uscc)}/liaison`),
  nameLiaison: (uscc: string, clerk: string) =>
    request<LiaisonAssignment>('PUT', `${A}/enterprises/${id(uscc)}/liaison`, { body: { clerk } }),
  timers: (status: TroubledStatus) => get<Page<Timer>>(`${A}/admin/timers${query({ status, limit: 200 })}`),
  retryTimer: (timerId: number) => post<Timer>(`${A}/admin/timers/${id(timerId)}/retry`),
  outbox: (status: TroubledStatus) =>
    get<Page<OutboxMessage>>(`${A}/admin/outbox${query({ status, limit: 200 })}`),
  retryOutbox: (messageId: number) => post<OutboxMessage>(`${A}/admin/outbox/${id(messageId)}/retry`),
};
