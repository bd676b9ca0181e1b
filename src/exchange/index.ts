/**
 * The national data exchange (工程建设项目审批管理系统数据共享交换标准, docs/exchange.md): the records of the
 * project, item handling, handling steps (BLZT) and approval documents tables, written with their events by an
 * observer, exported incrementally, and pushed to the provincial platform through the outbox.
 */
export { BLZT, BLZT_NAMES, handlingSteps, type HandlingStep } from './handling-status.ts';
export { exchangeObserver, type ExchangeDeps } from './observer.ts';
export { queueExchangeBatch, spglDeliverer, type PushSettings } from './pusher.ts';
export { SPGL_BATCH_MESSAGE } from './store.ts';
export { adminExchangeRouter, EXCHANGE_ADMIN_ROUTES, EXCHANGE_ROUTES, exchangeRouter } from './routes.ts';
export { EXCHANGE_SETTLE_MS } from './settle.ts';
export { SPGL_TABLES, type SpglTable } from './spgl-records.ts';
