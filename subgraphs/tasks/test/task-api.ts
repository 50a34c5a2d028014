import { randomUUID } from 'node:crypto';
import { subgraphGql, type GraphQLResponse } from '@sx/testkit';
import type { Identity } from '@sx/core';

/** Everything the tasks subgraph serves about a task. */
export const TASK_FIELDS = `id title description category budget { amount currency } location { lat lng address }
  dueAt status poster { id } assignee { id } createdAt updatedAt doneAt completedAt`;

export interface ApiTask {
  id: string;
  title: string;
  description: string;
  category: string;
  budget: { amount: number; currency: string };
  location: { lat: number; lng: number; address: string | null } | null;
  dueAt: string | null;
  status: string;
  poster: { id: string };
  assignee: { id: string } | null;
  createdAt: string;
  updatedAt: string;
  doneAt: string | null;
  completedAt: string | null;
}

export interface ApiConnection {
  edges: { cursor: string; node: ApiTask }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

export type Caller = Partial<Identity>;
/** A caller who is signed in. */
export type SignedIn = Caller & { userId: string };

/** A fresh signed-in poster; the users subgraph is not needed, any uuid is a user to tasks. */
export function newPoster(): SignedIn {
  return { userId: randomUUID(), roles: ['POSTER'] };
}

/** A signed-in tasker (any uuid; tasks does not need the users subgraph). */
export function newTasker(): SignedIn {
  return { userId: randomUUID(), roles: ['TASKER'] };
}

export function inDays(days: number): string {
  return new Date(Date.now() + days * 24 * 60 * 60 * 1000).toISOString();
}

export function taskInput(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    title: 'Assemble a wardrobe',
    description: 'Two-door wardrobe, all parts and tools are here.',
    category: 'HANDYMAN',
    budget: { amount: 8000, currency: 'EUR' },
    ...overrides,
  };
}

export function tasksCall<T>(query: string, variables: Record<string, unknown> = {}, caller: Caller = {}): Promise<GraphQLResponse<T>> {
  return subgraphGql<T>('tasks', query, variables, caller);
}

export function dataOf<T>(res: GraphQLResponse<T>): T {
  if (res.errors?.length || !res.data) throw new Error(`GraphQL errors: ${JSON.stringify(res.errors ?? res)}`);
  return res.data;
}

export function postTaskRaw(caller: Caller, input: Record<string, unknown>) {
  return tasksCall<{ postTask: ApiTask }>(`mutation($input: PostTaskInput!) { postTask(input: $input) { ${TASK_FIELDS} } }`, { input }, caller);
}

export async function postTask(caller: Caller, overrides: Record<string, unknown> = {}): Promise<ApiTask> {
  return dataOf(await postTaskRaw(caller, taskInput(overrides))).postTask;
}

export function updateTaskRaw(caller: Caller, id: string, input: Record<string, unknown>) {
  return tasksCall<{ updateTask: ApiTask }>(
    `mutation($id: ID!, $input: UpdateTaskInput!) { updateTask(id: $id, input: $input) { ${TASK_FIELDS} } }`,
    { id, input },
    caller,
  );
}

export function cancelTaskRaw(caller: Caller, id: string) {
  return tasksCall<{ cancelTask: ApiTask }>(`mutation($id: ID!) { cancelTask(id: $id) { ${TASK_FIELDS} } }`, { id }, caller);
}

export function markTaskDoneRaw(caller: Caller, id: string) {
  return tasksCall<{ markTaskDone: ApiTask }>(`mutation($id: ID!) { markTaskDone(id: $id) { ${TASK_FIELDS} } }`, { id }, caller);
}

export function confirmTaskCompletionRaw(caller: Caller, id: string) {
  return tasksCall<{ confirmTaskCompletion: ApiTask }>(`mutation($id: ID!) { confirmTaskCompletion(id: $id) { ${TASK_FIELDS} } }`, { id }, caller);
}

/** The task as `caller` sees it (anonymous by default: a located task's location is then approximate). */
export async function readTask(id: string, caller: Caller = {}): Promise<ApiTask | null> {
  return dataOf(await tasksCall<{ task: ApiTask | null }>(`query($id: ID!) { task(id: $id) { ${TASK_FIELDS} } }`, { id }, caller)).task;
}

export function listTasksRaw(variables: { filter?: Record<string, unknown>; first?: number; after?: string | null }) {
  return tasksCall<{ tasks: ApiConnection }>(
    `query($filter: TaskFilter, $first: Int, $after: String) {
      tasks(filter: $filter, first: $first, after: $after) { edges { cursor node { ${TASK_FIELDS} } } pageInfo { hasNextPage endCursor } }
    }`,
    variables,
  );
}

/** Ids of the tasks matching the filter, newest first (one page of up to 100). */
export async function listTaskIds(filter: Record<string, unknown>): Promise<string[]> {
  return dataOf(await listTasksRaw({ filter, first: 100 })).tasks.edges.map((e) => e.node.id);
}
