import { Router } from 'express';
import { describeMachine } from '../engine/describe.ts';
import { toMermaid } from '../engine/mermaid.ts';
import type { WorkflowDefinition } from '../engine/workflow.ts';
import { loadSchema } from '../validation/index.ts';
import type { HttpContext } from '../http/context.ts';
import { notFound } from '../http/problem.ts';
import { param } from '../http/request.ts';

const summary = (def: WorkflowDefinition) => ({
  id: def.id,
  version: def.version,
  title: def.title,
  departments: def.departments,
  stages: def.stages,
});

/** Workflow definitions: public, so that anyone can read what a process is before filing. */
export function workflowsRouter(ctx: HttpContext): Router {
  const router = Router();
  const find = (id: string) => {
    if (!ctx.registry.has(id)) throw notFound(`no workflow ${id}`);
    return ctx.registry.get(id);
  };

  router.get('/', (_req, res) => {
    res.json({ items: ctx.registry.latest().map(summary) });
  });

  router.get('/:id', (req, res) => {
    const def = find(param(req, 'id'));
    const description = describeMachine(def.machine);
    res.json({
      ...summary(def),
      states: description.states,
      events: description.events,
      tasks: description.states.filter((s) => s.task).map((s) => ({ state: s.id, ...s.task })),
      permissions: def.permissions,
      maxExtensionDays: def.maxExtensionDays,
      formSchema: loadSchema(def.formSchema),
      versions: ctx.registry
        .all()
        .filter((d) => d.id === def.id)
        .map((d) => d.version),
    });
  });

  router.get('/:id/diagram', (req, res) => {
    res.type('text/plain').send(toMermaid(find(param(req, 'id')).machine));
  });
  return router;
}
