/**
 * Projects fill themselves from the cases that name them (like the directory's names): on a case's creation and
 * submission, in the event's transaction, the project of its code is created or brought up to date. Imported
 * history counts too: a project's past cases are its past stages.
 */
import type { EventObserver } from '../engine/types.ts';
import { normaliseProjectCode } from './project-code.ts';
import { noteProject } from './store.ts';
import { projectTypes, typeOfUse } from './targets.ts';

const NOTED_ON = new Set(['CREATE', 'SUBMIT']);

/** Creates or updates the project a case names, if it names a code. */
export const projectFromCase: EventObserver = async (store, committed) => {
  if (!NOTED_ON.has(committed.type)) return;
  const { project, form, applicant } = committed.application;
  if (typeof project.code !== 'string' || !project.code) return;
  const declared = typeof form.projectType === 'string' ? form.projectType : null;
  await noteProject(store, {
    code: normaliseProjectCode(project.code),
    name: (typeof project.name === 'string' ? project.name : project.code).slice(0, 200),
    enterprise: applicant,
    regionCode: typeof project.regionCode === 'string' ? project.regionCode : null,
    declaredType: declared && projectTypes().includes(declared) ? declared : null,
    impliedType: typeOfUse(form.useCategory),
    at: committed.at,
  });
};
