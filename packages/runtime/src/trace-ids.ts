import { randomFillSync } from 'node:crypto';
import type { IdGenerator } from '@opentelemetry/sdk-trace-node';

/** Random bytes fetched per refill: 170 requests' trace and span ids in one call. */
const POOL_BYTES = 4_096;
const TRACE_ID_BYTES = 16;
const SPAN_ID_BYTES = 8;

/** A trace id, and the 32-bit number TraceIdRatioBasedSampler compares with its bound for it. */
export interface RootTraceId {
  traceId: string;
  /** The XOR of the id's four big-endian 32-bit words (the SDK sampler's `_accumulate`). */
  ratioKey: number;
}

/**
 * Trace and span ids cut from one buffer of crypto-random bytes, refilled (and turned into hex in
 * one go) when used up: an id is a slice of that hex, not a Math.random call per 4 bytes and a
 * hex conversion of its own as the SDK's generator makes. It is the tracer provider's id generator
 * too, so every id of the process comes from here. A trace id drawn at the front of a request
 * (rootTraceId, to decide sampling before any span exists) is handed to the SDK for the request's
 * span with `withTraceId`, so the SDK's sampler sees the id the decision was made on.
 */
export class PooledTraceIds implements IdGenerator {
  private readonly pool = Buffer.allocUnsafe(POOL_BYTES);
  private hex = '';
  private offset = POOL_BYTES;
  /** Set only while withTraceId runs its (synchronous) function. */
  private presetTraceId: string | undefined;

  rootTraceId(): RootTraceId {
    const at = this.take(TRACE_ID_BYTES);
    const pool = this.pool;
    // The XOR of the four big-endian words, byte by byte (Buffer's readUInt32BE checks bounds per call).
    let ratioKey = 0;
    for (let byte = 0; byte < 4; byte++) ratioKey = (ratioKey << 8) | (pool[at + byte]! ^ pool[at + 4 + byte]! ^ pool[at + 8 + byte]! ^ pool[at + 12 + byte]!);
    ratioKey >>>= 0;
    // An all-zero id is invalid (W3C): drawn again (one in 2^128).
    if (ratioKey === 0 && pool.readUInt32BE(at) === 0 && pool.readUInt32BE(at + 4) === 0 && pool.readUInt32BE(at + 8) === 0) return this.rootTraceId();
    return { traceId: this.hex.slice(2 * at, 2 * (at + TRACE_ID_BYTES)), ratioKey };
  }

  generateTraceId(): string {
    return this.presetTraceId ?? this.rootTraceId().traceId;
  }

  generateSpanId(): string {
    const at = this.take(SPAN_ID_BYTES);
    if (this.pool.readUInt32BE(at) === 0 && this.pool.readUInt32BE(at + 4) === 0) return this.generateSpanId();
    return this.hex.slice(2 * at, 2 * (at + SPAN_ID_BYTES));
  }

  /** Runs `start` (which makes one root span) with `traceId` as the id generator's next trace id. */
  withTraceId<T>(traceId: string, start: () => T): T {
    this.presetTraceId = traceId;
    try {
      return start();
    } finally {
      this.presetTraceId = undefined;
    }
  }

  private take(bytes: number): number {
    if (this.offset + bytes > POOL_BYTES) {
      randomFillSync(this.pool);
      this.hex = this.pool.toString('hex');
      this.offset = 0;
    }
    const at = this.offset;
    this.offset += bytes;
    return at;
  }
}
