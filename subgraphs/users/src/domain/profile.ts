import { BadUserInput } from '@sx/core';

export const NAME_MAX_LENGTH = 100;
export const BIO_MAX_LENGTH = 1000;
export const SKILLS_MAX_COUNT = 20;
export const SKILL_MAX_LENGTH = 40;

/** A display name: trimmed, not empty, bounded. */
export function parseName(raw: string): string {
  const name = raw.trim();
  if (name.length === 0) throw new BadUserInput('INVALID_INPUT', 'Enter a name of at least one character.', { field: 'name' });
  if ([...name].length > NAME_MAX_LENGTH) {
    throw new BadUserInput('INVALID_INPUT', `The name may be at most ${NAME_MAX_LENGTH} characters long.`, { field: 'name' });
  }
  return name;
}

/** A bio: trimmed; empty or null removes it. */
export function parseBio(raw: string | null): string | null {
  const bio = raw?.trim() ?? '';
  if ([...bio].length > BIO_MAX_LENGTH) {
    throw new BadUserInput('INVALID_INPUT', `The bio may be at most ${BIO_MAX_LENGTH} characters long.`, { field: 'bio' });
  }
  return bio.length === 0 ? null : bio;
}

/** Skills: trimmed, each non-empty and bounded, duplicates (ignoring case) kept once, in order. */
export function parseSkills(raw: readonly string[] | null): string[] {
  const seen = new Set<string>();
  const skills: string[] = [];
  for (const entry of raw ?? []) {
    const skill = entry.trim();
    if (skill.length === 0) throw new BadUserInput('INVALID_INPUT', 'A skill cannot be empty; remove the blank entry.', { field: 'skills' });
    if ([...skill].length > SKILL_MAX_LENGTH) {
      throw new BadUserInput('INVALID_INPUT', `Each skill may be at most ${SKILL_MAX_LENGTH} characters long ("${skill.slice(0, 20)}…" is longer).`, {
        field: 'skills',
      });
    }
    const key = skill.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    skills.push(skill);
  }
  if (skills.length > SKILLS_MAX_COUNT) {
    throw new BadUserInput('INVALID_INPUT', `List at most ${SKILLS_MAX_COUNT} skills (you gave ${skills.length}).`, { field: 'skills' });
  }
  return skills;
}

/** updateProfile's input as the API takes it: an absent field stays, a null one is cleared (or refused). */
export interface ProfileInput {
  name?: string | null;
  bio?: string | null;
  skills?: readonly string[] | null;
}

export interface ProfileChanges {
  name?: string;
  bio?: string | null;
  skills?: string[];
}

/**
 * A partial update: only the fields present in the input change. A null name is refused (a
 * person always has one); a null bio or skills list clears it.
 */
export function parseProfileChanges(input: ProfileInput): ProfileChanges {
  const changes: ProfileChanges = {};
  if (input.name !== undefined) {
    if (input.name === null) throw new BadUserInput('INVALID_INPUT', 'The name cannot be removed; give a new one instead.', { field: 'name' });
    changes.name = parseName(input.name);
  }
  if (input.bio !== undefined) changes.bio = parseBio(input.bio);
  if (input.skills !== undefined) changes.skills = parseSkills(input.skills);
  return changes;
}
