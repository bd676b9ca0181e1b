/**
 * The published contract: route definitions (`defineRoute`, mounted by `mountRoutes`), the OpenAPI 3.1
 * document built from them and schemas/, and its routes.
 */
export { buildOpenApi, openApiDocument, problemStatuses } from './document.ts';
export type { OpenApiBuild, OpenApiDocument, Operation } from './document.ts';
export { defineRoute, expressPath, mountRoutes } from './define-route.ts';
export type { MountOptions, RouteDefinition } from './define-route.ts';
export { DOCUMENTATION_ROUTES, openApiRouter } from './router.ts';
export type { BodyValidation, HttpMethod, RouteDoc } from './route-table.ts';
export { COMPONENT_SCHEMAS, loadSchemaFiles, toComponent } from './schemas.ts';
export type { SchemaFile } from './schemas.ts';
