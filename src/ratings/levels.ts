/**
 * The code sets of a rating (GB/T 39046-2020 table 9, code set A.8 for the level; 办理形式 for the channel),
 * and how the figures group the levels.
 */

/** 评价等级 (A.8): 1 非常满意 … 5 非常不满意. */
export const RATING_LEVELS = {
  1: '非常满意',
  2: '满意',
  3: '基本满意',
  4: '不满意',
  5: '非常不满意',
} as const;

/** 办理形式 (GB/T 39046): how the case was handled, the channel the rating came through. */
export const RATING_CHANNELS = { 1: '窗口', 2: 'PC', 3: '移动', 4: '快递' } as const;

/** Levels that count as satisfied in the satisfaction rate (非常满意, 满意). */
export const SATISFIED_LEVELS: readonly number[] = [1, 2];

/** Levels that are bad ratings and open a follow-up (不满意, 非常不满意; 国办发〔2019〕51号 "差评"). */
export const BAD_LEVELS: readonly number[] = [4, 5];

/** The level a default rating records: "no rating counts as satisfied" (满意). */
export const DEFAULT_LEVEL = 2;

/** The channel a default rating records: none was used; the case's own channel is not known (网上 = PC). */
export const DEFAULT_CHANNEL = 2;

/** Whether a value is a level of A.8. */
export const isLevel = (value: unknown): value is number =>
  typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 5;

/** Whether a value is a channel of 办理形式. */
export const isChannel = (value: unknown): value is number =>
  typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 4;
