import http from 'node:http';
import { decodeOtlpJson } from '@sx/testkit';

/** Where the traced variant sends its spans during bench:gateway --tracing-overhead: counted, then dropped. */
export interface OtlpSink {
  endpoint: string;
  spans: () => number;
  close: () => Promise<void>;
}

/** An OTLP/HTTP JSON receiver that only counts spans, so the bench's memory does not grow with them. */
export async function startOtlpSink(): Promise<OtlpSink> {
  let spans = 0;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      try {
        spans += decodeOtlpJson(JSON.parse(Buffer.concat(chunks).toString('utf8'))).length;
      } catch {
        // Counted as nothing: the exporter still gets its answer.
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { endpoint: `http://127.0.0.1:${port}`, spans: () => spans, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** The traced variant: OTLP export to the sink with the parent-based 10 % sampler the issue names. */
export function tracingVariantEnv(endpoint: string): Record<string, string> {
  return { OTEL_EXPORTER_OTLP_ENDPOINT: endpoint, OTEL_TRACES_SAMPLER: 'parentbased_traceidratio', OTEL_TRACES_SAMPLER_ARG: '0.1' };
}
