import {
  AcceptGroupInvitationDocument,
  AddExpenseDocument,
  AttachExpenseReceiptDocument,
  ConfirmGroupTaskCompletionDocument,
  CreateGroupDocument,
  GroupExpensesDocument,
  GroupPageDocument,
  GroupTasksDocument,
  InviteToGroupDocument,
  MarkGroupTaskDoneDocument,
  MarkSharePaidDocument,
  MyGroupInvitationsDocument,
  MyGroupsDocument,
  newIdempotencyKey,
  parseAmountCents,
  PostGroupTaskDocument,
  RecordSettlementDocument,
  RemoveExpenseReceiptDocument,
  retryWhileRetryable,
  SendMoneyDocument,
  type GroupExpensesQuery,
  type GroupPageQuery,
  type GroupTasksQuery,
  type LeaderboardPeriod,
  type Result,
  type SplitMethod,
} from '@sx/sdk';
import { useState } from 'react';
import { useSx } from '../context.js';
import { useMutation } from '../use-mutation.js';
import { useQuery } from '../use-query.js';

/** How often, and how far apart, a page looks again for an effect that arrives by an event. */
const EVENT_WAIT_TRIES = 8;
const EVENT_WAIT_MS = 700;

/** The signed-in user's groups, the invitations waiting for them, and starting a group. */
export function useMyGroups() {
  const groups = useQuery(MyGroupsDocument, { first: 50 });
  const invitations = useQuery(MyGroupInvitationsDocument);
  const [create, creating] = useMutation(CreateGroupDocument);
  // Accepting right after sign-up may be refused as retryable (groups learns the address by an event).
  const [accept, accepting] = useMutation(AcceptGroupInvitationDocument, { retryWhileRetryable: true });
  const refresh = () => Promise.all([groups.refresh(), invitations.refresh()]);
  return {
    groups: groups.data?.me?.groups.edges.map((e) => e.node) ?? [],
    invitations: invitations.data?.myGroupInvitations.edges.map((e) => e.node) ?? [],
    async createGroup(name: string): Promise<string | null> {
      const res = await create({ input: { name } });
      await refresh();
      return res.ok ? res.data.createGroup.id : null;
    },
    async accept(invitationId: string): Promise<string | null> {
      const res = await accept({ id: invitationId });
      await refresh();
      return res.ok ? res.data.acceptGroupInvitation.id : null;
    },
    problem: creating.error?.message ?? accepting.error?.message ?? groups.error?.message ?? null,
  };
}

type RawExpenses = NonNullable<GroupExpensesQuery['group']>['expenses'];
type RawExpense = RawExpenses['edges'][number]['node'];

/** An expense's receipt; `src` is its download URL made absolute (it works for a few minutes). */
export type ExpenseReceipt = NonNullable<RawExpense['receipt']> & { src: string };
/** An expense as the page shows it, its receipt (if any) ready to show or link. */
export type GroupExpense = Omit<RawExpense, 'receipt'> & { receipt: ExpenseReceipt | null };

/** The group with its members, leaderboard, balances and settle-up, plus its tasks and expenses. */
export type GroupPageData = NonNullable<GroupPageQuery['group']> & {
  tasks: NonNullable<GroupTasksQuery['group']>['tasks'];
  expenses: { edges: { node: GroupExpense }[] };
};
export type GroupShare = GroupPageData['expenses']['edges'][number]['node']['shares'][number];
export type GroupSettlement = GroupPageData['settleUp'][number];

/** An expense as a form gives it: the amount as typed, split among the members ticked. */
export interface ExpenseDraft {
  description: string;
  amountText: string;
  currency: string;
  splitMethod: SplitMethod;
  /** The member who paid (default the caller); only the payer may attach the receipt. */
  payerId?: string;
  /** Members and their weight (shares or amounts as typed; ignored for EQUAL). */
  split: { userId: string; weightText?: string }[];
  /** A photo or PDF of the receipt, uploaded and attached once the expense is recorded (by its payer). */
  receipt?: Blob | null;
}

/**
 * One group's page: its data and every action on it. Payments (a share, a settle-up transfer) go
 * through the wallet's sendMoney with the note the API gave; the group hears of them by an event,
 * so the page refreshes a few times after paying until the books show it.
 */
export function useGroupPage(groupId: string, period: LeaderboardPeriod = 'ALL_TIME') {
  // Three queries: one would exceed the gateway's cost limit per request.
  const page = useQuery(GroupPageDocument, { id: groupId, period });
  const tasks = useQuery(GroupTasksDocument, { id: groupId });
  const expenses = useQuery(GroupExpensesDocument, { id: groupId });
  const refresh = () => Promise.all([page.refresh(), tasks.refresh(), expenses.refresh()]);
  const sx = useSx();
  const base = page.data?.group;
  const withReceipt = (e: RawExpense): GroupExpense => {
    return { ...e, receipt: e.receipt ? { ...e.receipt, src: sx.fileUrl(e.receipt.url) } : null };
  };
  const group: GroupPageData | null =
    base && tasks.data?.group && expenses.data?.group
      ? { ...base, tasks: tasks.data.group.tasks, expenses: { edges: expenses.data.group.expenses.edges.map((edge) => ({ node: withReceipt(edge.node) })) } }
      : null;
  const [problem, setProblem] = useState<string | null>(null);
  const [invite] = useMutation(InviteToGroupDocument);
  const [postTask] = useMutation(PostGroupTaskDocument);
  const [markDone] = useMutation(MarkGroupTaskDoneDocument);
  const [confirm] = useMutation(ConfirmGroupTaskCompletionDocument);
  const [addExpense] = useMutation(AddExpenseDocument);
  const [markPaid] = useMutation(MarkSharePaidDocument);
  const [sendMoney] = useMutation(SendMoneyDocument);
  const [recordSettlement] = useMutation(RecordSettlementDocument);
  const [removeReceipt] = useMutation(RemoveExpenseReceiptDocument);

  /** Uploads the file (the bytes by their signed URL), then attaches it to the expense. */
  async function attachReceipt(expenseId: string, file: Blob): Promise<Result<unknown>> {
    const uploaded = await sx.upload(file, { purpose: 'DOCUMENT' });
    if (!uploaded.ok) return uploaded;
    // An expense recorded a moment ago may not be known to the files service yet: retryable.
    return retryWhileRetryable(() => sx.request(AttachExpenseReceiptDocument, { input: { expenseId, uploadId: uploaded.data.uploadId } }));
  }

  /**
   * Sends one action and refreshes the page. An effect that arrives by an event (points after a
   * confirmation, a payment by wallet transfer) is awaited by refreshing only the part it changes,
   * until that part changes or the tries run out: each refresh spends the user's query budget.
   */
  async function run<T>(send: () => Promise<Result<T>>, awaits?: 'books' | 'expenses'): Promise<boolean> {
    const res = await send();
    setProblem(res.ok ? null : res.error.message);
    const watched = awaits === 'books' ? page : expenses;
    const before = JSON.stringify(watched.data);
    await refresh();
    for (let i = 0; awaits && res.ok && i < EVENT_WAIT_TRIES; i++) {
      const now = await watched.refresh();
      if (now?.ok && JSON.stringify(now.data) !== before) break;
      await new Promise((r) => setTimeout(r, EVENT_WAIT_MS));
    }
    if (awaits) await page.refresh();
    return res.ok;
  }

  return {
    group,
    loading: page.loading || tasks.loading || expenses.loading,
    problem: problem ?? page.error?.message ?? tasks.error?.message ?? expenses.error?.message ?? null,
    refresh,
    invite: (email: string) => run(() => invite({ input: { groupId, email } })),
    postTask: (draft: { title: string; assigneeId: string; rewardPoints: number; dueAt?: string }) =>
      run(() => postTask({ input: { groupId, title: draft.title, assigneeId: draft.assigneeId, rewardPoints: draft.rewardPoints, ...(draft.dueAt ? { dueAt: draft.dueAt } : {}) } })),
    markDone: (taskId: string) => run(() => markDone({ id: taskId })),
    confirm: (taskId: string) => run(() => confirm({ id: taskId }), 'books'),
    async addExpense(draft: ExpenseDraft): Promise<boolean> {
      const amountCents = parseAmountCents(draft.amountText);
      if (amountCents === null) {
        setProblem('Enter an amount, like 42 or 12.50.');
        return false;
      }
      const split = draft.split.map((p) => {
        if (draft.splitMethod === 'EQUAL') return { userId: p.userId };
        const weight = draft.splitMethod === 'EXACT' ? parseAmountCents(p.weightText ?? '') : Number(p.weightText);
        return { userId: p.userId, weight: weight ?? Number.NaN };
      });
      const added = await addExpense({ input: { groupId, description: draft.description, amount: { amount: amountCents, currency: draft.currency }, ...(draft.payerId ? { payerId: draft.payerId } : {}), splitMethod: draft.splitMethod, split } });
      // The expense shows (and the form frees up) at once; its receipt follows, not awaited: files
      // may need a moment to hear of the expense, and the upload takes its time.
      const ok = await run(() => Promise.resolve(added));
      const receipt = draft.receipt;
      if (added.ok && receipt) void run(() => attachReceipt(added.data.addExpense.id, receipt));
      return ok;
    },
    /** The payer attaches (or replaces) the receipt of an expense already recorded. */
    attachReceipt: (expenseId: string, file: Blob) => run<unknown>(() => attachReceipt(expenseId, file)),
    /** The payer or the group's owner takes an expense's receipt off (its links stop working at once). */
    removeReceipt: (expenseId: string) => run(() => removeReceipt({ expenseId })),
    /** The debtor pays their share in the app; the share's own key makes a second tap harmless. */
    payShare: (share: GroupShare, creditorId: string) =>
      run(
        () =>
          sendMoney({
            input: { toUserId: creditorId, amount: share.amount, note: share.paymentNote ?? '', idempotencyKey: share.paymentIdempotencyKey ?? newIdempotencyKey() },
          }),
        'expenses',
      ),
    /** The creditor says a share was paid outside the app. */
    markSharePaid: (shareId: string) => run(() => markPaid({ shareId })),
    /** The receiver of a settle-up suggestion says it was paid to them outside the app. */
    recordSettlement: (s: GroupSettlement) => run(() => recordSettlement({ input: { groupId, fromUserId: s.from.id, amount: s.amount } })),
    /** Pays one settle-up suggestion in the app. */
    settle: (s: GroupSettlement) =>
      run(() => sendMoney({ input: { toUserId: s.to.id, amount: s.amount, note: s.paymentNote, idempotencyKey: newIdempotencyKey() } }), 'books'),
  };
}
