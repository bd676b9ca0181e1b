/**
 * `RATING_*`: the local limits of the ratings (好差评), read and checked for loadConfig (config.ts). The national
 * rule (国办发〔2019〕51号) asks that every bad rating be rectified; the limits are each province's.
 */
import { ConfigError } from './config-error.ts';

/** The ratings' local rules (docs/domain.md, Ratings). */
export interface RatingConfig {
  /** `RATING_CONTACT_WORKING_DAYS`: the rated department contacts the rater within this (浙江: 1). */
  contactWorkingDays: number;
  /** `RATING_RECTIFY_WORKING_DAYS`: rectify and answer the rater within this (浙江: 15; elsewhere 5, 7 or 10). */
  rectifyWorkingDays: number;
  /**
   * `RATING_FOLLOW_UP_RATE_DAYS`: calendar days the answered rater has to rate the follow-up before it closes
   * unrated (a local choice: the 7 days after which 广西 records a default rating); default 7.
   */
  followUpRateDays: number;
  /**
   * `RATING_DEFAULT_AFTER_DAYS`: where a province counts no rating within so many calendar days of the result
   * as satisfied (广西: 7), that default is recorded, flagged, and kept out of every figure; unset: none.
   */
  defaultAfterDays?: number;
}

/** Reads the ratings' settings from the environment; an empty variable counts as unset. */
export function readRatingConfig(env: NodeJS.ProcessEnv): RatingConfig {
  const defaultAfterDays = wholeDays(env, 'RATING_DEFAULT_AFTER_DAYS');
  return {
    contactWorkingDays: wholeDays(env, 'RATING_CONTACT_WORKING_DAYS') ?? 1,
    rectifyWorkingDays: wholeDays(env, 'RATING_RECTIFY_WORKING_DAYS') ?? 15,
    followUpRateDays: wholeDays(env, 'RATING_FOLLOW_UP_RATE_DAYS') ?? 7,
    ...(defaultAfterDays !== undefined ? { defaultAfterDays } : {}),
  };
}

function wholeDays(env: NodeJS.ProcessEnv, name: string): number | undefined {
  const text = env[name]?.trim();
  if (!text) return undefined;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1 || value > 365) {
    throw new ConfigError(`${name} must be a whole number of days from 1 to 365, got ${text}`);
  }
  return value;
}
