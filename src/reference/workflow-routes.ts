import type { Router } from 'express';
import { describeMachine } from '../engine/describe.ts';
import { toMermaid } from '../engine/mermaid.ts';
import type { WorkflowDefinition } from '../engine/workflow.ts';
import { loadSchema } from '../validation/index.ts';
import type { HttpContext } from '../http/context.ts';
import { notFound } from '../http/problem.ts';
import { param } from '../http/request.ts';
import { defineRoute, mountRoutes, type RouteDefinition } from '../openapi/define-route.ts';
import { itemsOf, json } from '../openapi/route-table.ts';

const summary = (def: WorkflowDefinition) => ({
  id: def.id,
  version: def.version,
  title: def.title,
  departments: def.departments,
  stages: def.stages,
});

const WORKFLOWS = '/api/v1/workflows';

/** The latest version of a workflow, or 404. */
function findWorkflow(ctx: HttpContext, id: string): WorkflowDefinition {
  if (!ctx.registry.has(id)) throw notFound('no-workflow', { workflow: id });
  return ctx.registry.get(id);
}

const listWorkflows = defineRoute<HttpContext>({
  method: 'get',
  path: WORKFLOWS,
  operationId: 'listWorkflows',
  summary: 'List workflows',
  description:
    'The latest version of every workflow. Public: anyone may read what a process is before filing.',
  tag: 'Workflows',
  access: 'public',
  responses: { 200: { description: 'The workflows.', content: json(itemsOf('workflow-summary')) } },
  handler: (ctx) => (_req, res) => {
    res.json({ items: ctx.registry.latest().map(summary) });
  },
});

const getWorkflow = defineRoute<HttpContext>({
  method: 'get',
  path: `${WORKFLOWS}/{id}`,
  operationId: 'getWorkflow',
  summary: 'Read a workflow definition',
  description: "The states with their tasks and time limits, the events, and the form's JSON Schema.",
  tag: 'Workflows',
  access: 'public',
  responses: { 200: { description: 'The definition.', content: json('workflow') } },
  problems: [404],
  handler: (ctx) => (req, res) => {
    const def = findWorkflow(ctx, param(req, 'id'));
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
  },
});

const getWorkflowDiagram = defineRoute<HttpContext>({
  method: 'get',
  path: `${WORKFLOWS}/{id}/diagram`,
  operationId: 'getWorkflowDiagram',
  summary: 'Workflow diagram',
  description: 'The statechart as Mermaid text.',
  tag: 'Workflows',
  access: 'public',
  responses: {
    200: {
      description: 'Mermaid `stateDiagram-v2` text.',
      content: [{ mediaType: 'text/plain', schema: { type: 'string' } }],
    },
  },
  problems: [404],
  handler: (ctx) => (req, res) => {
    res.type('text/plain').send(toMermaid(findWorkflow(ctx, param(req, 'id')).machine));
  },
});

/** Workflow definitions: public, so that anyone can read what a process is before filing. */
export const WORKFLOW_ROUTES: readonly RouteDefinition<HttpContext>[] = [
  listWorkflows,
  getWorkflow,
  getWorkflowDiagram,
];

/** The workflows router, mounted at `/api/v1/workflows`. */
export function workflowsRouter(ctx: HttpContext): Router {
  return mountRoutes(ctx, WORKFLOW_ROUTES, { prefix: WORKFLOWS });
}
