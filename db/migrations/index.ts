import type { Knex } from 'knex';
import * as initial from './001_initial.ts';
import * as checklist from './002_checklist.ts';
import * as delegation from './003_delegation.ts';
import * as storedFigures from './004_stored_figures.ts';
import * as taskLookup from './005_task_lookup.ts';
import * as idempotencyScope from './006_idempotency_scope.ts';
import * as timerAttempts from './007_timer_attempts.ts';
import * as calendarRecompute from './008_calendar_recompute.ts';
import * as materials from './009_materials.ts';
import * as licences from './010_licences.ts';
import * as notifications from './011_notifications.ts';
import * as directoryAndClaims from './013_directory_and_claims.ts';
import * as actorName from './014_actor_name.ts';
import * as expertReview from './015_expert_review.ts';
import * as specialProcedure from './016_special_procedure.ts';
import * as projects from './017_projects.ts';
import * as taskForces from './018_task_forces.ts';
import * as creditRegister from './019_credit_register.ts';
import * as ratings from './020_ratings.ts';
import * as exchange from './021_exchange.ts';
import * as storedTiming from './022_stored_timing.ts';

/** Every migration in order. Listed here (not discovered on disk) so tsx, tests and builds load the same set. */
export const migrations: ReadonlyArray<{
  name: string;
  up(knex: Knex): Promise<void>;
  down(knex: Knex): Promise<void>;
}> = [
  { name: '001_initial', ...initial },
  { name: '002_checklist', ...checklist },
  { name: '003_delegation', ...delegation },
  { name: '004_stored_figures', ...storedFigures },
  { name: '005_task_lookup', ...taskLookup },
  { name: '006_idempotency_scope', ...idempotencyScope },
  { name: '007_timer_attempts', ...timerAttempts },
  { name: '008_calendar_recompute', ...calendarRecompute },
  { name: '009_materials', ...materials },
  { name: '010_licences', ...licences },
  { name: '011_notifications', ...notifications },
  { name: '013_directory_and_claims', ...directoryAndClaims },
  { name: '014_actor_name', ...actorName },
  { name: '015_expert_review', ...expertReview },
  { name: '016_special_procedure', ...specialProcedure },
  { name: '017_projects', ...projects },
  { name: '018_task_forces', ...taskForces },
  { name: '019_credit_register', ...creditRegister },
  { name: '020_ratings', ...ratings },
  { name: '021_exchange', ...exchange },
  { name: '022_stored_timing', ...storedTiming },
];
