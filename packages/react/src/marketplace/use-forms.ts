import { DepositDocument, newIdempotencyKey, parseAmountCents, PostTaskDocument, type FragmentType, type TaskCategory, type WalletSummaryFragmentDoc } from '@sx/sdk';
import { useState } from 'react';
import { useMutation } from '../use-mutation.js';

/** The categories a task can have, in the order the forms offer them. */
export const TASK_CATEGORIES: readonly TaskCategory[] = ['CLEANING', 'MOVING', 'HANDYMAN', 'DELIVERY', 'GARDENING', 'TECH', 'OTHER'];

/**
 * A deposit form: the amount as typed and a currency; each submit is a new idempotency key (the
 * same tap sent twice moves money once). `onDeposited` gets the wallet the answer brought.
 */
export function useDeposit(onDeposited: (wallet: FragmentType<typeof WalletSummaryFragmentDoc>) => void) {
  const [invalid, setInvalid] = useState<string | null>(null);
  const [deposit, { loading, error }] = useMutation(DepositDocument);
  async function submit(amountText: string, currency: string): Promise<void> {
    const amountCents = parseAmountCents(amountText);
    setInvalid(amountCents === null ? 'Enter an amount to deposit, like 100 or 12.50.' : null);
    if (amountCents === null) return;
    const res = await deposit({ input: { amount: { amount: amountCents, currency }, idempotencyKey: newIdempotencyKey() } });
    if (res.ok) onDeposited(res.data.deposit.wallet);
  }
  return { submit, loading, problem: invalid ?? error?.message ?? null };
}

export interface TaskDraft {
  title: string;
  description: string;
  category: TaskCategory;
  budgetText: string;
  currency: string;
  place: { lat: number; lng: number; address?: string };
}

/** A post-a-task form; `submit` resolves with the new task's id, or null (see `problem`). */
export function usePostTask() {
  const [invalid, setInvalid] = useState<string | null>(null);
  const [postTask, { loading, error }] = useMutation(PostTaskDocument);
  async function submit(draft: TaskDraft): Promise<string | null> {
    const budgetCents = parseAmountCents(draft.budgetText);
    setInvalid(budgetCents === null ? 'Enter a budget, like 50 or 49.90.' : null);
    if (budgetCents === null) return null;
    const description = draft.description.trim();
    const address = draft.place.address?.trim();
    const res = await postTask({
      input: {
        title: draft.title.trim(),
        ...(description ? { description } : {}),
        category: draft.category,
        budget: { amount: budgetCents, currency: draft.currency },
        location: { lat: draft.place.lat, lng: draft.place.lng, ...(address ? { address } : {}) },
      },
    });
    return res.ok ? res.data.postTask.id : null;
  }
  return { submit, loading, problem: invalid ?? error?.message ?? null };
}
