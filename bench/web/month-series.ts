import { MAX_SERIES_POINTS, type ApiClient, type SloSeriesBody } from '@xops/contracts';

const MINUTE_MS = 60_000;

/**
 * 30 days of `slo` at a 1-minute step, 43,200 points ending at `end` (epoch ms): the series API
 * serves at most 11,000 points an answer, so it is read in four parts of 10,800 minutes, each
 * replayed by the server over the stored buckets, and joined column by column.
 */
export async function monthAtOneMinute(client: ApiClient, slo: string, end: number): Promise<SloSeriesBody> {
  const parts = 4;
  const perPart = 10_800;
  if (perPart > MAX_SERIES_POINTS) throw new Error('a part must fit one answer');
  const first = end - (parts * perPart - 1) * MINUTE_MS;
  const answers: SloSeriesBody[] = [];
  for (let p = 0; p < parts; p += 1) {
    const from = first + p * perPart * MINUTE_MS;
    answers.push(await client.getSloSeries(slo, { from: String(from), to: String(from + (perPart - 1) * MINUTE_MS), step: '1m' }));
  }
  const [head] = answers;
  if (head === undefined) throw new Error('no part');
  return {
    ...head,
    to: answers.at(-1)?.to ?? head.to,
    at: answers.flatMap((answer) => answer.at),
    objectives: head.objectives.map((objective, o) => ({
      ...objective,
      sli: answers.flatMap((answer) => answer.objectives[o]?.sli ?? []),
      errorBudgetRemaining: answers.flatMap((answer) => answer.objectives[o]?.errorBudgetRemaining ?? []),
      burnRates: objective.burnRates.map((rate, r) => ({
        ...rate,
        values: answers.flatMap((answer) => answer.objectives[o]?.burnRates[r]?.values ?? []),
      })),
    })),
  };
}
