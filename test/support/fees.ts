import { casePath, type TestService } from './http.ts';

/** Assesses a fee on the case; the caller checks the answer. */
export function assess(svc: TestService, token: string, id: string, body: Record<string, unknown>) {
  return svc.request('POST', casePath(id, '/fees'), { token, body });
}

/** Assesses a fee and fails the test unless it is answered 201; returns the fee. */
export async function assessOk(svc: TestService, token: string, id: string, body: Record<string, unknown>) {
  const response = await assess(svc, token, id, body);
  if (response.status !== 201)
    throw new Error(`fee answered ${response.status}: ${JSON.stringify(response.body)}`);
  return response.body;
}

/** Pays a fee with a payment reference; the caller checks the answer. */
export function pay(
  svc: TestService,
  token: string,
  id: string,
  feeId: number,
  paymentRef = 'NTR-2026-000451',
) {
  return svc.request('POST', casePath(id, `/fees/${feeId}/pay`), { token, body: { paymentRef } });
}
