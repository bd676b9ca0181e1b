/**
 * The zone's rules for the investment-project pre-review (项目预审), as local configuration with the source of
 * each number (docs/domain.md, "Investment-project pre-review"). The numbers that shape the machine (cut-off
 * day, departments, working-day limits) are part of the workflow's version: changing them is a new version of
 * `investment-review`. The decision rule and the thresholds are recorded on each case when they are applied.
 */
export interface InvestmentReviewConfig {
  /** Day of the month whose end closes the month's batch (local rules, e.g. 盐城亭湖: the 10th). */
  cutOffDay: number;
  /** Departments that pre-review every proposal of a batch, in parallel (local rules: land, planning, environment). */
  preReviewDepartments: readonly string[];
  /** Working days each department has for its pre-review (local choice). */
  preReviewWorkingDays: number;
  /** The department whose clerks act as review officer: close batches, draw, decide objections, mark absence. */
  officerDepartment: string;
  /** Working days from the batch cut-off within which the panel's decision is due (local choice). */
  decisionWorkingDays: number;
  /** Working days the investor has to answer a deferral before the proposal lapses (local choice). */
  informationWorkingDays: number;
  /** How many times a proposal may be deferred; a further deferral counts as a rejection (local choice). */
  maxDeferrals: number;
  panel: {
    /** Members drawn (the zone engaged 5 experts; comparable rules draw 5 to 7). */
    size: number;
    /** Members present and voting for the meeting to decide (e.g. 4 of 5). */
    quorum: number;
    /** Share of present members voting pass or pass-with-conditions needed to pass (e.g. two thirds). */
    passShare: { numerator: number; denominator: number };
  };
  /** Pass/fail gates on every score sheet: a gate failed by any present member blocks a pass. */
  gates: readonly string[];
  /** Weighted criteria of the score sheet (scores 0–100; weights add up to 100). */
  weights: Readonly<Record<string, number>>;
  /** Reason codes a rejection names (for the figures by industry). */
  rejectionReasons: readonly string[];
  /** Entry thresholds checked at filing and shown as flags, never an automatic rejection. */
  thresholds: {
    /** Fixed-asset investment per mu of land, yuan (≥ ¥3 M/mu in comparable zones). */
    investmentPerMu: number;
    /** Tax per mu per year, yuan (≥ ¥300,000). */
    taxPerMuPerYear: number;
    /** Floor-area ratio (≥ 1.0). */
    floorAreaRatio: number;
    /** Building coverage, as a share (≥ 40 %). */
    coverage: number;
  };
  /** Where the numbers come from. */
  source: string;
}

/** The zone's configuration. */
export const investmentReviewConfig: InvestmentReviewConfig = {
  cutOffDay: 10,
  preReviewDepartments: ['land', 'planning', 'environment'],
  preReviewWorkingDays: 5,
  officerDepartment: 'investment-promotion',
  decisionWorkingDays: 20,
  informationWorkingDays: 10,
  maxDeferrals: 1,
  panel: { size: 5, quorum: 4, passShare: { numerator: 2, denominator: 3 } },
  gates: ['industrial-policy', 'land-use-plan', 'environment'],
  weights: {
    'investment-intensity': 30,
    'tax-yield': 25,
    technology: 20,
    'land-efficiency': 15,
    jobs: 10,
  },
  rejectionReasons: [
    'industrial-policy',
    'investment-intensity',
    'tax-yield',
    'land-use',
    'environment',
    'technology',
    'other',
  ],
  thresholds: { investmentPerMu: 3_000_000, taxPerMuPerYear: 300_000, floorAreaRatio: 1.0, coverage: 0.4 },
  source:
    'Local project-admission rules of comparable development zones (盐城亭湖, 新平, 开化): monthly cut-off, ' +
    'departmental pre-review, panel drawn from a roster, entry thresholds; limits marked "local choice" are ours.',
};
