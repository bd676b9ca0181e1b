/**
 * Ratings (政务服务"好差评", 国办发〔2019〕51号; GB/T 39046-2020 table 9): the enterprise rates each result,
 * bad ratings are followed up (workflows/rating-follow-up.ts), figures are published. `levels.ts`,
 * `targets.ts`, `store.ts`, `observer.ts`, `figures.ts` and `defaults.ts` sit a layer lower
 * (docs/architecture.md, "Layers"): modules below the edge import them by file.
 */
export { recordDefaultRatings, type DefaultRatingsResult } from './defaults.ts';
export { FIGURE_ROUTES, figuresRouter } from './figure-routes.ts';
export { ratingFigures, type RatingFigures, type RatingFiguresRow } from './figures.ts';
export { FOLLOW_UP_ROUTES, followUpsRouter } from './follow-up-routes.ts';
export { BAD_LEVELS, RATING_CHANNELS, RATING_LEVELS, SATISFIED_LEVELS } from './levels.ts';
export { FOLLOW_UP_WORKFLOW, ratingFollowUpObserver } from './observer.ts';
export { RATING_ROUTES, ratingsRouter } from './routes.ts';
