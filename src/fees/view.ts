import type { ColumnReader } from '../db/index.ts';

type Row = Record<string, unknown>;

/** A fee as the case page and the fees routes show it; amounts in yuan with two decimals. */
export function toFee(row: Row, dialect: ColumnReader) {
  return {
    id: Number(row.id),
    code: String(row.code),
    name: String(row.name),
    checklistVersion: Number(row.checklist_version),
    unit: String(row.unit),
    rate: dialect.readNumber(row.rate),
    quantity: dialect.readNumber(row.quantity),
    amount: dialect.readNumber(row.amount),
    status: String(row.status),
    assessedBy: row.assessed_by,
    assessedAt: row.assessed_at,
    paymentRef: row.payment_ref ?? null,
    paidAt: row.paid_at ?? null,
    waiveReason: row.waive_reason ?? null,
    waivedAt: row.waived_at ?? null,
  };
}
