import type { Principal } from '../auth/principal.ts';
import { toApplication, type ApplicationRecord } from '../engine/records.ts';
import type { HttpContext } from '../http/context.ts';
import { forbidden, notFound } from '../http/problem.ts';
import { delegationsVisibleTo } from './store.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The agreements the caller may see; clerks have no part in them (403). */
export function visibleDelegations(ctx: HttpContext, principal: Principal) {
  const query = delegationsVisibleTo(ctx.db, principal);
  if (!query) throw forbidden('delegations-not-for-role');
  return query;
}

/** An agreement the caller may see, or 404 (one that does not exist and one hidden look alike). */
export async function loadVisibleDelegation(
  ctx: HttpContext,
  principal: Principal,
  id: string,
): Promise<ApplicationRecord> {
  const missing = notFound('delegation-not-visible', { id });
  if (!UUID.test(id)) throw missing;
  const row = await visibleDelegations(ctx, principal).where('a.id', id).first('a.*');
  if (!row) throw missing;
  return toApplication(row, ctx.db.dialect);
}
