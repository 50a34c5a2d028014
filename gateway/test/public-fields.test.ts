import { buildSchema } from 'graphql';
import { describe, expect, it } from 'vitest';
import type { Identity } from '@sx/core';
import { placeBidAs, postTaskAs, sharedAdmin, signedAsGateway, signUpUser, stackInfo } from '@sx/testkit';
import { PUBLIC_FIELDS, PublicFields } from '../src/cache/public-fields.js';

/**
 * Each marked field's probe: an entity fetch as the gateway's planner sends it, to the subgraph
 * that resolves the field. Every marked field must have one (the test below fails otherwise).
 */
const PROBES: Record<string, { subgraph: string; query: string; entity: 'task' | 'poster' }> = {
  'Task.bidCount': { subgraph: 'bids', query: 'query($representations:[_Any!]!){_entities(representations:$representations){...on Task{bidCount}}}', entity: 'task' },
  'User.name': { subgraph: 'users', query: 'query($representations:[_Any!]!){_entities(representations:$representations){...on User{name}}}', entity: 'poster' },
  'User.rating': { subgraph: 'reviews', query: 'query($representations:[_Any!]!){_entities(representations:$representations){...on User{rating{average count}}}}', entity: 'poster' },
};
PROBES['Rating.average'] = PROBES['User.rating'] as (typeof PROBES)[string];
PROBES['Rating.count'] = PROBES['User.rating'] as (typeof PROBES)[string];

/** The subgraph's answer, byte for byte, to one signed request. */
async function rawAnswer(subgraph: string, query: string, variables: Record<string, unknown>, identity: Partial<Identity>): Promise<string> {
  const body = JSON.stringify({ query, variables });
  const res = await fetch(`${stackInfo().services[subgraph]}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...signedAsGateway(subgraph, identity)(body) }, body });
  expect(res.status).toBe(200);
  return res.text();
}

describe('fields marked public (cache/public-fields.ts)', () => {
  it('has a probe for every marked field', () => {
    expect(Object.keys(PROBES).sort()).toEqual([...PUBLIC_FIELDS.keys()].sort());
  });

  it('answers every marked field byte for byte the same to anonymous, its owner, a bidder, a stranger and an administrator', async () => {
    const poster = await signUpUser({ name: 'Probe Poster' });
    const taskId = await postTaskAs(poster, { title: 'Probed' });
    const bidder = await signUpUser({ roles: ['TASKER'] });
    await placeBidAs(bidder, taskId, 2_500);
    const [stranger, admin] = [await signUpUser(), await sharedAdmin()];
    const viewers: Partial<Identity>[] = [
      {},
      { userId: poster.id, roles: ['POSTER', 'TASKER'] },
      { userId: bidder.id, roles: ['TASKER'] },
      { userId: stranger.id, roles: ['POSTER'] },
      { userId: admin.id, roles: ['ADMIN'] },
    ];
    const representations = { task: [{ __typename: 'Task', id: taskId }], poster: [{ __typename: 'User', id: poster.id }] };
    for (const [field, probe] of Object.entries(PROBES)) {
      const answers = await Promise.all(viewers.map((viewer) => rawAnswer(probe.subgraph, probe.query, { representations: representations[probe.entity] }, viewer)));
      expect(JSON.parse(answers[0] as string), field).not.toHaveProperty('errors');
      expect(new Set(answers).size, `${field}: ${answers.join(' | ')}`).toBe(1);
    }
    // placeBid waits for bids to learn of the task from its event, which takes a while on a busy machine.
  }, 120_000);
});

describe('which planner fetches read only public fields', () => {
  const schema = buildSchema(`
    type Query { tasks: [Task!]! user(id: ID!): User }
    type Task { id: ID! title: String! bidCount: Int! poster: User! location: String }
    type User { id: ID! name: String! email: String rating: Rating! }
    type Rating { average: Float count: Int! }
  `);
  const fields = new PublicFields();

  it('treats every fetch as private until the schema is known', () => {
    expect(fields.isPublic('query($r:[_Any!]!){_entities(representations:$r){...on User{name}}}')).toBe(false);
  });

  it.each([
    ['an entity fetch of marked fields', 'query($r:[_Any!]!){_entities(representations:$r){...on User{__typename name rating{average count}}}}', true],
    ['two entity types, all marked', 'query($r:[_Any!]!){_entities(representations:$r){...on User{name} ...on Task{bidCount}}}', true],
    ['a named fragment of marked fields', 'query($r:[_Any!]!){_entities(representations:$r){...U}} fragment U on User{name}', true],
    ['an entity fetch with one unmarked field', 'query($r:[_Any!]!){_entities(representations:$r){...on User{name email}}}', false],
    ['a named fragment with an unmarked field', 'query($r:[_Any!]!){_entities(representations:$r){...U}} fragment U on User{name email}', false],
    ['a marked field under an unmarked one', 'query($r:[_Any!]!){_entities(representations:$r){...on Task{poster{name}}}}', false],
    ['a root field that is not marked', '{tasks{bidCount}}', false],
    ['a field selected on _entities without a type', 'query($r:[_Any!]!){_entities(representations:$r){...{name}}}', false],
    ['a mutation', 'mutation{_entities{__typename}}', false],
  ])('%s', (_name, query, expected) => {
    fields.useSchema(schema);
    expect(fields.isPublic(query)).toBe(expected);
  });
});
