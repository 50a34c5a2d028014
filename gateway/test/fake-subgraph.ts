import http from 'node:http';

export interface RecordedRequest {
  headers: http.IncomingHttpHeaders;
  body: string;
}

export interface FakeSubgraph {
  url: string;
  /** Every request that reached this fake, in order. */
  requests: RecordedRequest[];
  close: () => Promise<void>;
}

/** What the fake answers; 'hang' never answers (until the fake is closed). */
export type FakeAnswer = { status?: number; json: unknown } | 'hang';

/**
 * A stand-in subgraph that records what the gateway sends and answers with `answer`, so a
 * test can see exactly which requests went past the gateway's guards and how they were signed.
 */
export async function startFakeSubgraph(answer: (req: RecordedRequest) => FakeAnswer | Promise<FakeAnswer>): Promise<FakeSubgraph> {
  const requests: RecordedRequest[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      const recorded = { headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
      requests.push(recorded);
      const answered = await answer(recorded);
      if (answered === 'hang') return;
      res.writeHead(answered.status ?? 200, { 'content-type': 'application/json' }).end(JSON.stringify(answered.json));
    });
  });
  return { ...(await listenOnLoopback(server)), requests };
}

/** Starts `server` on a free loopback port; `close` cuts its open connections first. */
export async function listenOnLoopback(server: http.Server): Promise<{ url: string; close: () => Promise<void> }> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
