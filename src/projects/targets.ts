/**
 * The target working days of a project's approval stages, per project type, from the configuration in
 * db/seeds/project-targets.json: the profile in force (national 120, leading provinces 90, 浙江 60 + 30, 上海 by
 * type) and the source of each figure. Data, not code, so that a region sets its own promise.
 */
import fs from 'node:fs';

/** A target: the whole process, and where a profile splits it, stages 1–3 and stage 4. */
export interface StageTarget {
  total: number;
  preConstruction?: number;
  completion?: number;
}

/** The configuration as the file holds it. */
export interface ProjectTargets {
  inForce: string;
  types: Record<string, { en: string; zh: string }>;
  profiles: Record<string, { source: string; default: StageTarget } & Record<string, unknown>>;
}

/** What a project's view shows of its target. */
export interface ProjectTarget extends StageTarget {
  profile: string;
  source: string;
}

let loaded: ProjectTargets | undefined;

/** The configuration shipped with the service, read once. */
export function projectTargets(): ProjectTargets {
  loaded ??= JSON.parse(
    fs.readFileSync(new URL('../../db/seeds/project-targets.json', import.meta.url), 'utf8'),
  ) as ProjectTargets;
  return loaded;
}

/** The project types the configuration knows (工业, 房建, 市政, …). */
export function projectTypes(): string[] {
  return Object.keys(projectTargets().types);
}

/** The target in force for a project type; an unknown or missing type gets the profile's default. */
export function targetFor(type: string | null, targets: ProjectTargets = projectTargets()): ProjectTarget {
  const profile = targets.profiles[targets.inForce];
  if (!profile) throw new Error(`project-targets.json: profile ${targets.inForce} in force is not defined`);
  const own = type && type !== 'source' && type !== 'default' ? profile[type] : undefined;
  const target = (own as StageTarget | undefined) ?? profile.default;
  return { ...target, profile: targets.inForce, source: profile.source };
}

/** The project type a construction form's main use implies (construction-permit.form `useCategory`). */
export function typeOfUse(useCategory: unknown): string | null {
  switch (useCategory) {
    case 'industrial':
      return 'industrial';
    case 'infrastructure':
      return 'municipal';
    case 'residential':
    case 'commercial':
    case 'public':
    case 'mixed':
      return 'housing';
    default:
      return null;
  }
}
