/** Amounts of money: yuan to the fen, computed exactly (big.js) and rounded half up. */
export { formatYuan, sumYuan, yuanTimes } from './yuan.ts';
