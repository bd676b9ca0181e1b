import type { DatabaseKind } from './databases.ts';
import { ENTERPRISE, OTHER_ENTERPRISE } from './harness.ts';
import { people, startTestService, type People, type TestService } from './http.ts';

/** The service a block shares, with tokens for the example's people and an administrator. */
export interface ServiceBlock {
  svc: TestService;
  who: People;
  admin: string;
}

/**
 * A service of its own per block, so that clocks, checklist versions, inboxes and lists do not leak between
 * blocks. Call it inside a `describe`; the fields are filled in by the block's `before`.
 */
export function withService(kind: DatabaseKind): ServiceBlock {
  const block = {} as ServiceBlock;
  before(async () => {
    block.svc = await startTestService(kind);
    block.who = people(block.svc, ENTERPRISE, OTHER_ENTERPRISE);
    block.admin = block.svc.token({ sub: 'admin-1', role: 'admin' });
  });
  after(async () => {
    await block.svc?.close();
  });
  return block;
}
