/** The published checklist of fees and inspections (检查收费清单): what may be charged and inspected. */
export type { Checklist, ChecklistBody, Condition, FeeItem, FeeUnit, InspectionItem } from './types.ts';
export { assessFee, checklistProblems, meets, requiredInspections, type FeeAssessment } from './rules.ts';
export {
  checklistFromRow,
  checklistVersion,
  currentChecklist,
  publishChecklist,
  seedChecklist,
} from './store.ts';
