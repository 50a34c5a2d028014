import { useState } from 'react';

/** Where a paged list is: the cursors of the pages opened so far (the last is shown; none is the first page). */
export interface PageCursors {
  after: string | null;
  onFirstPage: boolean;
  back: () => void;
  forward: (endCursor: string) => void;
}

/** Forward by the page's endCursor, back by the pages seen (a Relay connection has no backward cursor here). */
export function usePageCursors(): PageCursors {
  const [cursors, setCursors] = useState<string[]>([]);
  return {
    after: cursors.at(-1) ?? null,
    onFirstPage: cursors.length === 0,
    back: () => setCursors((c) => c.slice(0, -1)),
    forward: (endCursor) => setCursors((c) => [...c, endCursor]),
  };
}

/** The back and forward buttons under a paged list. */
export function PageButtons(props: { cursors: PageCursors; pageInfo: { hasNextPage: boolean; endCursor?: string | null } | undefined; backLabel: string; forwardLabel: string }) {
  const { cursors, pageInfo } = props;
  return (
    <p>
      <button type="button" disabled={cursors.onFirstPage} onClick={cursors.back}>
        {props.backLabel}
      </button>{' '}
      <button type="button" disabled={!pageInfo?.hasNextPage} onClick={() => pageInfo?.endCursor && cursors.forward(pageInfo.endCursor)}>
        {props.forwardLabel}
      </button>
    </p>
  );
}
