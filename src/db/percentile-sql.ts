/**
 * SQL for the continuous percentile of a column (linear interpolation between the closest ranks): both
 * databases compute it natively, with different syntax.
 */
export interface PercentileSql {
  percentileCont(column: string, fraction: number): string;
}
