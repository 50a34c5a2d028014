import { getFragmentData, LeaveReviewDocument, ReviewDetailFragmentDoc, TaskReviewsDocument, type ReviewDetailFragment, type SxError } from '@sx/sdk';
import { useCallback } from 'react';
import { useMutation } from '../use-mutation.js';
import { useQuery } from '../use-query.js';

/** A task has two reviews at most (one per participant). */
const REVIEWS_PAGE_SIZE = 2;

export type Review = Omit<ReviewDetailFragment, ' $fragmentName'>;

export interface TaskReviews {
  /** The reviews the viewer may see: both once revealed, else only their own (revealedAt null). */
  reviews: Review[];
  /** The viewer's own review, hidden or not; null before they review. */
  mine: Review | null;
  error: SxError | null;
  /** Leaves the viewer's review, then fetches the list again (the other side's may now show). */
  leave(rating: number, comment: string): Promise<boolean>;
  leaving: boolean;
  leaveError: SxError | null;
}

/** The reviews of a completed task as the viewer may see them (blind reviews), and the viewer's review form. */
export function useTaskReviews(taskId: string, viewerId: string | null): TaskReviews {
  const query = useQuery(TaskReviewsDocument, { taskId, first: REVIEWS_PAGE_SIZE });
  // Retried while reviews has not heard of the completion yet (a moment after confirmation).
  const [mutate, state] = useMutation(LeaveReviewDocument, { retryWhileRetryable: true });
  const reviews = (query.data?.task?.reviews.edges ?? []).map((edge) => getFragmentData(ReviewDetailFragmentDoc, edge.node));
  const { refresh } = query;
  const leave = useCallback(
    async (rating: number, comment: string) => {
      const result = await mutate({ input: { taskId, rating, comment } });
      if (!result.ok) return false;
      await refresh();
      return true;
    },
    [mutate, refresh, taskId],
  );
  return {
    reviews,
    mine: reviews.find((r) => r.author?.id === viewerId) ?? null,
    error: query.error,
    leave,
    leaving: state.loading,
    leaveError: state.error,
  };
}
