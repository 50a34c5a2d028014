import { useTaskReviews, type Review } from '@sx/react';
import type { FormEvent } from 'react';
import { ErrorMessage } from './error-message';
import { Field } from './field';

/**
 * The reviews of a COMPLETED task. Reviews are blind: the viewer's own review shows as hidden
 * until the other side has reviewed too (or 14 days have passed); then both show to everyone.
 */
export function TaskReviews({ taskId, viewerId, participant }: { taskId: string; viewerId: string | null; participant: boolean }) {
  const { reviews, mine, error, leave, leaving, leaveError } = useTaskReviews(taskId, viewerId);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    void leave(Number(form.get('rating')), String(form.get('comment') ?? ''));
  }

  return (
    <section aria-labelledby="reviews-heading">
      <h3 id="reviews-heading">Reviews</h3>
      {reviews.length === 0 ? <p>No reviews to show yet.</p> : <ul className="reviews">{reviews.map((r) => <ReviewItem key={r.id} review={r} own={r.id === mine?.id} />)}</ul>}
      <ErrorMessage message={error?.message ?? null} />
      {participant && !mine ? (
        <form aria-labelledby="review-form-heading" onSubmit={onSubmit}>
          <h4 id="review-form-heading">Review the other side</h4>
          <Field label="Rating (1 to 5 stars)">
            {(id) => (
              <select id={id} name="rating" defaultValue="5">
                {[5, 4, 3, 2, 1].map((n) => (
                  <option key={n} value={n}>
                    {n}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label="Comment">{(id) => <textarea id={id} name="comment" rows={2} maxLength={2000} />}</Field>
          <p>Your review stays hidden until the other side has reviewed you too, or 14 days after completion.</p>
          <button type="submit" disabled={leaving}>
            Leave review
          </button>
          <ErrorMessage message={leaveError?.message ?? null} />
        </form>
      ) : null}
    </section>
  );
}

function ReviewItem({ review, own }: { review: Review; own: boolean }) {
  return (
    <li data-testid="review">
      <strong>{'★'.repeat(review.rating)}</strong> by {review.author?.name ?? 'a former user'}
      {review.comment ? <>: {review.comment}</> : null}
      {own && review.revealedAt === null ? <em> — hidden until the other side reviews</em> : null}
    </li>
  );
}
