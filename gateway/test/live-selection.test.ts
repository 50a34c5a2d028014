import { readFileSync } from 'node:fs';
import { buildSchema, parse, print, type GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor } from '../src/live/cursor.js';
import { prepareSubscription, type PreparedSubscription } from '../src/live/selection.js';

// How a subscription document becomes the query that builds its payloads.

const schema = buildSchema(readFileSync(new URL('../../schema/api.graphql', import.meta.url), 'utf8'));
const prepare = (query: string, variables: Record<string, unknown> = {}, operationName?: string) =>
  prepareSubscription(schema, parse(query), variables, operationName);
const ok = (result: PreparedSubscription | readonly GraphQLError[]): PreparedSubscription => {
  if (Array.isArray(result)) throw new Error(`expected a prepared subscription, got ${JSON.stringify(result)}`);
  return result as PreparedSubscription;
};
const messages = (result: PreparedSubscription | readonly GraphQLError[]) => (Array.isArray(result) ? result.map((e: GraphQLError) => e.message) : []);

describe('prepareSubscription', () => {
  it('asks the owning subgraph for the event with the same selection, fragments and the variables it uses', () => {
    const prepared = ok(
      prepare(
        `subscription Watch($task: ID!, $after: String, $reviews: Int) {
          live: bidEvents(taskId: $task, after: $after) { kind at: cursor ...B }
        }
        fragment B on BidEvent { bid { id tasker { ...P } } }
        fragment P on User { name reviews(first: $reviews) { edges { node { rating } } } }
        query Other { me { ...Mine } }
        fragment Mine on User { id }`,
        { task: 'T1', after: null, reviews: 3 },
        'Watch',
      ),
    );
    expect(prepared.binding.field).toBe('bidEvents');
    expect(prepared.args).toEqual({ taskId: 'T1', after: null });
    expect(prepared.responseKey).toBe('live');
    expect(prepared.operationName).toBe('SxLive_Watch');
    expect(prepared.cursorKeys).toEqual(['at']);
    // Root-field variables ($task, $after) and the other operation's fragment are gone; $reviews stays.
    expect(print(parse(prepared.hydrationQuery))).toBe(
      print(
        parse(`query SxLive_Watch($sxLiveEventId: ID!, $reviews: Int) { bidEvent(id: $sxLiveEventId) { kind at: cursor ...B } }
        fragment B on BidEvent { bid { id tasker { ...P } } }
        fragment P on User { name reviews(first: $reviews) { edges { node { rating } } } }`),
      ),
    );
    expect(prepared.hydrationVariables).toEqual({ reviews: 3 });
  });

  it('gives equal selections the same key whatever the task, and different ones different keys', () => {
    const doc = `subscription($t: ID!) { bidEvents(taskId: $t) { kind } }`;
    const a = ok(prepare(doc, { t: 'A' }));
    const b = ok(prepare(doc, { t: 'B' }));
    const other = ok(prepare(`subscription($t: ID!) { bidEvents(taskId: $t) { kind reason } }`, { t: 'A' }));
    expect(a.selectionKey).toBe(b.selectionKey);
    expect(other.selectionKey).not.toBe(a.selectionKey);
    expect(a.binding.keyOf(a.args, 'viewer')).toBe('a');
  });

  it('refuses what the socket does not serve, with messages that say why', () => {
    expect(messages(prepare(`query { me { id } }`))).toEqual([expect.stringMatching(/subscriptions only.*HTTP/)]);
    expect(messages(prepare(`subscription { paymentEvents { nope } }`))).toEqual([expect.stringMatching(/Cannot query field "nope"/)]);
    expect(messages(prepare(`subscription($sxLiveEventId: ID!) { bidEvents(taskId: $sxLiveEventId) { kind } }`, { sxLiveEventId: 'x' }))).toEqual([
      expect.stringMatching(/reserved/),
    ]);
    expect(messages(prepare(`subscription($t: ID!) { bidEvents(taskId: $t) { kind } }`))).toEqual([expect.stringMatching(/\$t/)]);
    expect(messages(prepare(`subscription { ...F } fragment F on Subscription { paymentEvents { kind } }`))).toEqual([
      expect.stringMatching(/directly/),
    ]);
  });
});

describe('subscription cursors', () => {
  it('round-trip within their stream and are refused by another', () => {
    const cursor = encodeCursor('bids', 1042);
    expect(decodeCursor(cursor, 'bids')).toBe(1042);
    expect(() => decodeCursor(cursor, 'wallet')).toThrow(/not a cursor of this subscription/);
    expect(() => decodeCursor('garbage', 'bids')).toThrow(/not a cursor/);
  });
});
