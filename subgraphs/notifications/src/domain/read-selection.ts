import { BadUserInput } from '@sx/core';

export const MAX_IDS_PER_MARK = 100;

/** Which notifications markNotificationsRead marks: some by id, or every unread one. */
export type ReadSelection = { ids: readonly string[] } | { all: true };

/** The input of markNotificationsRead as the API gives it. */
export interface MarkReadInput {
  ids?: readonly string[] | null;
  all?: boolean | null;
}

/** Exactly one of `ids` and `all: true`, so a client never marks everything by leaving a field out. */
export function parseReadSelection(input: MarkReadInput): ReadSelection {
  const hasIds = input.ids !== undefined && input.ids !== null;
  if (hasIds === (input.all === true)) {
    throw new BadUserInput('INVALID_INPUT', 'Give either ids or all: true, not both and not neither.', { field: 'input' });
  }
  if (input.ids) {
    if (input.ids.length > MAX_IDS_PER_MARK) {
      throw new BadUserInput('INVALID_INPUT', `At most ${MAX_IDS_PER_MARK} ids at a time; you sent ${input.ids.length}.`, { field: 'ids' });
    }
    return { ids: input.ids };
  }
  return { all: true };
}
