/**
 * CPU time of processes by pid, from /proc/<pid>/stat (Linux): what each process of a measured round spent —
 * ZeroTrip's instances, the load client and PostgreSQL's backends — so the reader sees where the time goes.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';

/** Clock ticks per second of /proc's times (100 on Linux unless configured otherwise). */
const TICKS = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/** User + system CPU time of a process so far, in ms; undefined when it is gone (or not on Linux). */
export function processCpuMs(pid: number): number | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name may hold spaces: the fields that follow it start after its closing parenthesis.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // utime and stime are fields 14 and 15 of the line, 11 and 12 after the name (which is field 2).
    return ((Number(fields[11]) + Number(fields[12])) / TICKS) * 1000;
  } catch {
    return undefined;
  }
}

/** A group of processes whose CPU is summed under one label (e.g. every PostgreSQL backend of a database). */
export interface ProcessGroup {
  label: string;
  pids(): Promise<number[]> | number[];
}

/**
 * Sums each group's CPU time over measured stretches (`measure`), and answers it as a share of one core over
 * their wall time. A process that starts during a stretch counts from its start; one that ends is lost.
 */
export class CpuShares {
  private readonly cpuMs = new Map<string, number>();
  private wallMs = 0;

  constructor(private readonly groups: ProcessGroup[]) {}

  private async snapshot(): Promise<Map<string, Map<number, number>>> {
    const all = new Map<string, Map<number, number>>();
    for (const group of this.groups) {
      const times = new Map<number, number>();
      for (const pid of await group.pids()) {
        const ms = processCpuMs(pid);
        if (ms !== undefined) times.set(pid, ms);
      }
      all.set(group.label, times);
    }
    return all;
  }

  /** Runs `stretch` and adds what each group spent meanwhile. */
  async measure<T>(stretch: () => Promise<T>): Promise<T> {
    const before = await this.snapshot();
    const started = performance.now();
    const result = await stretch();
    this.wallMs += performance.now() - started;
    const after = await this.snapshot();
    for (const [label, times] of after) {
      let spent = 0;
      for (const [pid, ms] of times) spent += ms - (before.get(label)?.get(pid) ?? 0);
      this.cpuMs.set(label, (this.cpuMs.get(label) ?? 0) + spent);
    }
    return result;
  }

  /** `label 85 %` for each group: CPU time over wall time (100 % is one core busy throughout). */
  shares(): string {
    return this.groups
      .map(({ label }) => `${label} ${Math.round(((this.cpuMs.get(label) ?? 0) / this.wallMs) * 100)} %`)
      .join(', ');
  }
}
