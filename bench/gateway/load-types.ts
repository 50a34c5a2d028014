/** What the bench hands the load generator, and what it prints back. */
export interface LoadRequest {
  /** The JSON body, already serialised. */
  body: string;
  /** An access token to send as `Authorization: Bearer`, or none (anonymous). */
  token?: string;
}

export interface LoadJob {
  url: string;
  connections: number;
  seconds: number;
  /** `refused`: the documents must be refused by the guards (answer with errors). */
  expect: 'data' | 'refused';
  requests: LoadRequest[];
}

export interface LoadResult {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  answered: number;
  /** Answers with errors where data was expected, or with data where a refusal was. */
  unexpected: number;
  transportErrors: number;
  sent: number;
  firstUnexpected?: string;
}

/** The part of autocannon's result the bench reads. */
export interface AutocannonResult {
  latency: { p50: number; p99: number };
  errors: number;
  timeouts: number;
}
