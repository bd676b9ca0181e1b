/** A final state of a case: `meta.status` is the case status it ends with (docs/api.md), `about` its notice. */
export function outcome(status: string, about?: string) {
  const final = { type: 'final', meta: { status } } as const;
  if (about === undefined) return final;
  return { ...final, entry: { type: 'notifyApplicant', params: { about } } } as const;
}
