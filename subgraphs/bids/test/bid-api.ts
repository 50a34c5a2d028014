import { subgraphGql, type GraphQLResponse } from '@sx/testkit';
import type { Identity } from '@sx/core';

/** Everything the bids subgraph serves about a bid itself. */
export const BID_FIELDS = 'id amount { amount currency } message status task { id } tasker { id } createdAt updatedAt';

export interface ApiBid {
  id: string;
  amount: { amount: number; currency: string };
  message: string;
  status: string;
  task: { id: string };
  tasker: { id: string };
  createdAt: string;
  updatedAt: string;
}

export type Caller = Partial<Identity>;

export const tasker = (userId: string): Caller => ({ userId, roles: ['TASKER'] });

export function placeBidRaw(caller: Caller, input: Record<string, unknown>): Promise<GraphQLResponse<{ placeBid: ApiBid }>> {
  return subgraphGql('bids', `mutation($input: PlaceBidInput!) { placeBid(input: $input) { ${BID_FIELDS} } }`, { input }, caller);
}

export function updateBidRaw(caller: Caller, id: string, input: Record<string, unknown>): Promise<GraphQLResponse<{ updateBid: ApiBid }>> {
  return subgraphGql('bids', `mutation($id: ID!, $input: UpdateBidInput!) { updateBid(id: $id, input: $input) { ${BID_FIELDS} } }`, { id, input }, caller);
}

export function withdrawBidRaw(caller: Caller, id: string): Promise<GraphQLResponse<{ withdrawBid: ApiBid }>> {
  return subgraphGql('bids', `mutation($id: ID!) { withdrawBid(id: $id) { ${BID_FIELDS} } }`, { id }, caller);
}

/** acceptBid's answer, with the failure of an earlier accept (null once accepted again). */
export const ACCEPTED_BID_FIELDS = `${BID_FIELDS} acceptFailure { reason at }`;

export function acceptBidRaw(caller: Caller, id: string): Promise<GraphQLResponse<{ acceptBid: ApiBid & { acceptFailure: { reason: string; at: string } | null } }>> {
  return subgraphGql('bids', `mutation($id: ID!) { acceptBid(id: $id) { ${ACCEPTED_BID_FIELDS} } }`, { id }, caller);
}

export function dataOf<T>(res: GraphQLResponse<T>): T {
  if (res.errors?.length || !res.data) throw new Error(`GraphQL errors: ${JSON.stringify(res.errors ?? res)}`);
  return res.data;
}

export async function placeBid(caller: Caller, taskId: string, overrides: Record<string, unknown> = {}): Promise<ApiBid> {
  return dataOf(await placeBidRaw(caller, { taskId, amount: { amount: 7_000, currency: 'EUR' }, message: 'I have the tools.', ...overrides })).placeBid;
}
