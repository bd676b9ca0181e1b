/** The workflow's statechart as a nested list, the states the case is in now highlighted. */
import { t, tDept, tOr } from '../i18n/index.ts';
import { activePaths, type StateNode } from '../lib/mermaid.ts';

export function StateTree({ nodes, state }: { nodes: StateNode[]; state: unknown }) {
  const active = activePaths(state);
  return (
    <div class="state-tree">
      <p class="hint">
        <span class="state-chip current">{t('diagram.current')}</span> {t('diagram.legend')}
      </p>
      <Branch nodes={nodes} path={[]} active={active} />
    </div>
  );
}

function Branch({ nodes, path, active }: { nodes: StateNode[]; path: string[]; active: Set<string> }) {
  return (
    <ul>
      {nodes.map((node) => {
        const here = [...path, node.key];
        const on = active.has(here.join('.'));
        return (
          <li key={node.id} class={on ? 'on' : undefined}>
            <span class={`state-chip${on ? ' current' : ''}`} aria-current={on ? 'step' : undefined}>
              {tOr(`state.${node.key}`, node.key)}
              {on ? <span class="sr-only"> ({t('diagram.current')})</span> : null}
            </span>
            {node.parallel ? <span class="muted"> {t('diagram.parallel')}</span> : null}
            {node.notes.length ? <span class="muted"> — {node.notes.map(noteText).join(', ')}</span> : null}
            {node.children.length ? <Branch nodes={node.children} path={here} active={active} /> : null}
          </li>
        );
      })}
    </ul>
  );
}

/** The diagram's notes (`fire review (15 WD)`, `clock stopped (applicant)`) in the current language. */
function noteText(note: string): string {
  let m: RegExpMatchArray | null;
  if ((m = note.match(/^(\S+) (\S+) \((\d+) WD\)$/))) {
    return t('diagram.task', { department: tDept(m[1]!), step: tOr(`step.${m[2]}`, m[2]!), days: m[3]! });
  }
  if ((m = note.match(/^clock stopped \((\w+)\)$/))) {
    return t('diagram.clockStopped', { who: tOr(`clock.${m[1]}`, m[1]!) });
  }
  return note;
}
