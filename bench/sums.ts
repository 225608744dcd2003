// Adding up what several workers (or steps) report.

export const sum = (values: number[]): number => values.reduce((total, value) => total + value, 0);

/** One count per key, from several such records (e.g. refusals by error code from each worker). */
export function mergeCounts(records: Record<string, number>[]): Record<string, number> {
  const merged: Record<string, number> = {};
  for (const record of records) for (const [key, count] of Object.entries(record)) merged[key] = (merged[key] ?? 0) + count;
  return merged;
}
