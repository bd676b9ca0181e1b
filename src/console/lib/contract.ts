/** The OpenAPI document's schemas, loaded once: the form schemas' `$ref`s and the project's schema point there. */
import { api } from '../api/index.ts';
import type { Components } from './schema.ts';

let loading: Promise<Components> | undefined;

export function contractSchemas(): Promise<Components> {
  loading ??= api.openapi().then(
    (document) => document.components.schemas as Components,
    (error: unknown) => {
      loading = undefined;
      throw error;
    },
  );
  return loading;
}
