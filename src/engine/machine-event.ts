import { checklistFromRow, requiredInspections, type Checklist } from '../checklist/index.ts';
import type { EventStore } from '../db/index.ts';
import { checkEventContent } from './content.ts';
import type { Actor, ApplicationRecord } from './records.ts';
import type { EventInput, MachineEvent, WorkflowDefinition } from './workflow.ts';

/**
 * The event as the case's machine receives it: stamped with its time and actor, checked against the
 * workflow's content rules (`ContentInvalidError` before the machine is asked anything), and carrying what
 * the engine fixes on the case with it: the submitted form, and at acceptance the checklist's inspections.
 */
export async function machineEventFor(
  store: EventStore,
  def: WorkflowDefinition,
  app: ApplicationRecord,
  input: { event: EventInput; actor: Actor },
  at: string,
): Promise<MachineEvent> {
  const event: MachineEvent = { ...input.event, at, actor: input.actor };
  checkEventContent(def, event, app);
  // Fixed at acceptance from the version then in force; later versions do not change a running case.
  const checklist = def.checklistInspectionsOn?.includes(event.type)
    ? checklistFromRow(store.dialect, await store.latestChecklist())
    : null;
  return withCaseFacts(def, event, app.form, checklist);
}

/**
 * What the engine fixes on a case with an event: the form on submission, and on the workflow's
 * `checklistInspectionsOn` events the inspections `checklist` requires for the form. Pure, so that the guide
 * before sign-in (src/guide) builds the very events a case receives.
 */
export function withCaseFacts(
  def: WorkflowDefinition,
  event: MachineEvent,
  form: Record<string, unknown>,
  checklist: Checklist | null,
): MachineEvent {
  if (def.submitEvents.includes(event.type)) event.form = form;
  if (checklist && def.checklistInspectionsOn?.includes(event.type)) {
    event.checklistVersion = checklist.version;
    event.requiredInspections = requiredInspections(checklist, def.id, form).map((i) => ({
      department: i.department,
      code: i.code,
    }));
  }
  return event;
}
