type Row = Record<string, unknown>;

/** An inspection with its date and result. */
export function toInspection(row: Row) {
  return {
    id: Number(row.id),
    code: String(row.code),
    name: String(row.name),
    department: String(row.department),
    checklistVersion: Number(row.checklist_version),
    scheduledAt: row.scheduled_at,
    scheduledBy: row.scheduled_by,
    status: String(row.status),
    result: row.result ?? null,
    findings: row.findings ?? null,
    recordedAt: row.recorded_at ?? null,
  };
}
