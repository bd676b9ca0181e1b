/** The published contract: the OpenAPI 3.1 document, built from the route table and schemas/, and its routes. */
export { buildOpenApi, openApiDocument, problemStatuses } from './document.ts';
export type { OpenApiBuild, OpenApiDocument, Operation } from './document.ts';
export { openApiRouter } from './router.ts';
export { ROUTES } from './routes.ts';
export type { BodyValidation, HttpMethod, RouteDoc } from './route-table.ts';
export { COMPONENT_SCHEMAS, loadSchemaFiles, toComponent } from './schemas.ts';
export type { SchemaFile } from './schemas.ts';
