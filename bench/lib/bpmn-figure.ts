/**
 * Figure 4 of `npm run bench`: bpmn-engine completing the five-way approval with its state saved to SQLite
 * after each step, against ZeroTrip completing the same nine steps in process, in alternating rounds (A B, B A,
 * …); then ZeroTrip's approval as a real case runs it, its papers handed in first; then bpmn-engine recovering
 * its saved state at each step. Prints the lines and returns ZeroTrip ÷ bpmn-engine on the same nine steps.
 */
import { runChild } from './child.ts';
import type { Rate } from './permit.ts';
import { line, num, ratio } from './report.ts';

/** How long and how often the approvals run. */
export interface ApprovalSettings {
  rounds: number;
  seconds: number;
  warmupSeconds: number;
  recoverSeconds: number;
}

export async function bpmnFigure(settings: ApprovalSettings, concurrency: number): Promise<number> {
  const { rounds, seconds, warmupSeconds, recoverSeconds } = settings;
  const args = [String(seconds), String(warmupSeconds), String(concurrency)];
  const bpmn: Rate[] = [];
  const ours: Rate[] = [];
  for (let round = 0; round < rounds; round++) {
    const pair = [
      async () => bpmn.push(await runChild<Rate>({ script: 'approvals-bpmn.ts', args: ['saved', ...args] })),
      async () =>
        ours.push(await runChild<Rate>({ script: 'approvals-zerotrip.ts', args: ['steps', ...args] })),
    ];
    if (round % 2 === 1) pair.reverse();
    for (const run of pair) await run();
  }
  const rate = (rates: Rate[]) =>
    rates.reduce((n, r) => n + r.completed, 0) / rates.reduce((n, r) => n + r.seconds, 0);
  const each = (rates: Rate[]) =>
    rates.length > 1 ? `   (rounds ${rates.map((r) => num(r.perSecond, 1)).join(', ')})` : '';
  const bpmnRate = rate(bpmn);
  const ourRate = rate(ours);
  const bpmnRatio = ourRate / bpmnRate;
  console.log(
    line(
      '4. bpmn-engine, five-way approval, state saved to SQLite per step',
      `${num(bpmnRate, 1)} approvals/s`,
    ) + each(bpmn),
  );
  console.log(
    line(
      '   ZeroTrip in-process, the same nine steps (9 committed transitions)',
      `${num(ourRate, 1)} approvals/s`,
    ) + each(ours),
  );
  console.log(line('   ratio ZeroTrip ÷ bpmn-engine', ratio(bpmnRatio)));
  const papers = await runChild<Rate & { papers: number }>({
    script: 'approvals-zerotrip.ts',
    args: ['papers', ...args],
  });
  console.log(
    line(
      `   (ZeroTrip, the approval with its ${papers.papers} papers handed in: ${9 + papers.papers} records)`,
      `${num(papers.perSecond, 1)} approvals/s; ÷ bpmn-engine ${ratio(papers.perSecond / bpmnRate)}`,
    ),
  );
  const recovering = await runChild<Rate>({
    script: 'approvals-bpmn.ts',
    args: ['recover', String(recoverSeconds), String(warmupSeconds), String(concurrency)],
  });
  console.log(
    line(
      '   (bpmn-engine, each step a recover() from the saved state)',
      `${num(recovering.perSecond, 1)} approvals/s; ZeroTrip ÷ that ${ratio(ourRate / recovering.perSecond)}`,
    ),
  );
  return bpmnRatio;
}
