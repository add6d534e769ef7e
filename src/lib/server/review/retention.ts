/**
 * How well what was missed is remembered, per objective, for trainers: of the cards whose first review came at
 * least 1, 7 or 30 days after the miss, the share answered right at that review. Aggregates only.
 */
import type { Db } from '../db/db.ts';

export const HORIZONS = [1, 7, 30] as const;

export interface Retention {
  objective: string;
  /** Per horizon: reviews counted and the share right (null with none). */
  after: { days: number; reviews: number; percent: number | null }[];
}

// The first review of each card at or after the horizon; a review scheduled "tomorrow" may come a few hours
// short of 24, so a day's horizon starts at 0.75 days.
const FIRST_AFTER =
  'select objective, count(*) as n, sum(correct) as ok from review_logs l where days_since_miss >= ? and not exists ' +
  '(select 1 from review_logs e where e.card_id = l.card_id and e.days_since_miss >= ? and e.step < l.step) group by objective';

export async function retentionByObjective(db: Db): Promise<Retention[]> {
  const byHorizon = await Promise.all(
    HORIZONS.map(async (days) => {
      const from = days === 1 ? 0.75 : days;
      const rs = await db.$client.execute({ sql: FIRST_AFTER, args: [from, from] });
      return new Map(rs.rows.map((r) => [String(r.objective), { n: Number(r.n), ok: Number(r.ok) }]));
    }),
  );
  const objectives = [...new Set(byHorizon.flatMap((m) => [...m.keys()]))].sort();
  return objectives.map((objective) => ({
    objective,
    after: HORIZONS.map((days, i) => {
      const hit = byHorizon[i]!.get(objective);
      return { days, reviews: hit?.n ?? 0, percent: hit && hit.n > 0 ? Math.round((100 * hit.ok) / hit.n) : null };
    }),
  }));
}
