/** Where the recorded structure of a workflow version lives. */
export function machineFixturePath(id: string, version: number): URL {
  return new URL(`../fixtures/machines/${id}@${version}.json`, import.meta.url);
}
