/**
 * Tallies the collector's answers to `POST /v1/batch` during a load run. With fresh ids and valid
 * events, every answer must be `200 { accepted: N, duplicates: 0, bots: 0, rejected: [] }`;
 * anything else is counted, and the first one kept, because a figure from such a run measures
 * something other than ingest.
 */
export class BatchAnswers {
  accepted = 0;
  unexpected = 0;
  firstUnexpected: string | null = null;

  constructor(private readonly eventsPerRequest: number) {}

  record(status: number, body: string): void {
    if (status === 200) {
      const answer = JSON.parse(body) as { accepted: number; duplicates: number; bots: number; rejected: unknown[] };
      this.accepted += answer.accepted;
      if (answer.accepted === this.eventsPerRequest && answer.duplicates === 0 && answer.bots === 0 && answer.rejected.length === 0) return;
    }
    this.unexpected += 1;
    this.firstUnexpected ??= `${status} ${body.slice(0, 500)}`;
  }
}
