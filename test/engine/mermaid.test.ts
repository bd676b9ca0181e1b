import { expect } from 'chai';
import { setup } from 'xstate';
import { describeMachine } from '../../src/engine/describe.ts';
import { toMermaid } from '../../src/engine/mermaid.ts';
import { makeMachine } from '../fixtures/describe-machine.ts';

const machine = makeMachine();

describe('mermaid', () => {
  const text = toMermaid(machine);
  const lines = text.split('\n');
  const indexOf = (line: string) => {
    const i = lines.indexOf(line);
    expect(i, `line ${JSON.stringify(line)}`).to.be.greaterThan(-1);
    return i;
  };

  it('should start with the diagram header and mark initial and final states', () => {
    expect(text.startsWith('stateDiagram-v2\n')).to.equal(true);
    indexOf('  [*] --> draft');
    indexOf('  approved --> [*]');
    indexOf('      [*] --> review_planning_review');
    indexOf('        [*] --> review_planning_review_working');
    indexOf('      review_planning_approved --> [*]');
  });

  it('should nest compound and parallel states, with -- between parallel regions', () => {
    const review = indexOf('  state review {');
    const planning = indexOf('    state review_planning {');
    const divider = indexOf('    --');
    const fire = indexOf('    state review_fire_safety {');
    const working = indexOf('      state review_planning_review {');
    expect(review).to.be.lessThan(planning);
    expect(planning).to.be.lessThan(working);
    expect(working).to.be.lessThan(divider);
    expect(divider).to.be.lessThan(fire);
    expect(lines.indexOf('  }', review)).to.be.greaterThan(fire);
    indexOf('    [*] --> review_planning');
    indexOf('    [*] --> review_fire_safety');
    expect(lines.filter((l) => l.trim() === '--')).to.have.length(1);
  });

  it('should label nodes with their keys, tasks and clock stops', () => {
    indexOf('    state "planning" as review_planning');
    indexOf('    state "fire-safety" as review_fire_safety');
    indexOf('      state "review: planning review (20 WD)" as review_planning_review');
    indexOf('  intake : window intake (5 WD)');
    indexOf('        state "waiting" as review_planning_review_waiting');
    indexOf('        review_planning_review_waiting : clock stopped (applicant)');
  });

  it('should draw every targeted transition with its event and guard', () => {
    const edges = lines.filter((l) => l.includes(' --> ') && !l.includes('[*]')).map((l) => l.trim());
    const expected: string[] = [];
    for (const s of describeMachine(machine).states) {
      for (const t of s.on) {
        const label = (t.guard ? `${t.event} [${t.guard}]` : t.event).replace(/#/g, '#35;');
        for (let i = 0; i < t.targets.length; i++) expected.push(label);
      }
    }
    expect(edges.map((l) => l.slice(l.indexOf(' : ') + 3)).sort()).to.deep.equal(expected.sort());
    indexOf('        review_planning_review_working --> review_planning_review_waiting : REQUEST_MATERIALS [fromDepartment(planning)]'); // prettier-ignore
    indexOf('  review_fire_safety_review_waiting --> rejected : after(applicantTimeout)');
    indexOf('  done --> approved : always [allClear]');
    indexOf('  review --> done : done');
    indexOf('  state "(any state)" as any_state');
    indexOf('  any_state --> withdrawn : WITHDRAW');
  });

  it('should give every state a unique id that every edge refers to', () => {
    const declared: string[] = [];
    for (const line of lines) {
      const labelled = /^\s*state "[^"]*" as (\w+)$/.exec(line);
      const bare = /^\s*(\w+)$/.exec(line);
      if (labelled) declared.push(labelled[1]!);
      else if (bare) declared.push(bare[1]!);
      else if (/^\s*state (\w+) \{$/.test(line) && !declared.includes(/state (\w+)/.exec(line)![1]!)) {
        declared.push(/state (\w+)/.exec(line)![1]!);
      }
    }
    expect(new Set(declared).size).to.equal(declared.length);
    // Every node but the root, plus the "any state" pseudo-node.
    expect(declared).to.have.length(describeMachine(machine).states.length);
    for (const line of lines.filter((l) => l.includes(' --> '))) {
      const [from, to] = line.trim().split(' : ')[0]!.split(' --> ');
      for (const end of [from!, to!]) if (end !== '[*]') expect(declared).to.include(end);
    }
  });

  it('should be deterministic', () => {
    expect(toMermaid(machine)).to.equal(text);
    expect(toMermaid(makeMachine())).to.equal(text);
  });

  it('should keep ids unique and valid when keys clash or are keywords', () => {
    const clash = setup({}).createMachine({
      id: 'clash',
      initial: 'a_b',
      states: {
        a_b: { initial: 'c', states: { c: {} } },
        a: { initial: 'b_c', states: { b_c: {} } },
        note: { on: { GO: 'a_b' } },
      },
    });
    const out = toMermaid(clash);
    expect(out).to.include('state "c" as a_b_c\n');
    expect(out).to.include('state "b_c" as a_b_c_2\n');
    expect(out).to.include('state "note" as s_note\n');
    expect(out).to.include('s_note --> a_b : GO');
  });
});
