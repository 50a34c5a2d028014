import { describe, expect, it } from 'vitest';
import { BIO_MAX_LENGTH, NAME_MAX_LENGTH, SKILLS_MAX_COUNT, SKILL_MAX_LENGTH, parseProfileChanges } from './profile.js';

const badInput = (field: string) => expect.objectContaining({ code: 'BAD_USER_INPUT', extra: { field } });

describe('profile changes', () => {
  it('changes only the fields that are present', () => {
    expect(parseProfileChanges({ bio: ' Gardener ' })).toEqual({ bio: 'Gardener' });
    expect(parseProfileChanges({})).toEqual({});
  });

  it('trims the name and refuses an empty or null one', () => {
    expect(parseProfileChanges({ name: '  Ana  ' })).toEqual({ name: 'Ana' });
    expect(() => parseProfileChanges({ name: '   ' })).toThrowError(badInput('name'));
    expect(() => parseProfileChanges({ name: null })).toThrowError(badInput('name'));
  });

  it('accepts a name of exactly the maximum length and refuses one more', () => {
    expect(parseProfileChanges({ name: 'n'.repeat(NAME_MAX_LENGTH) }).name).toHaveLength(NAME_MAX_LENGTH);
    expect(() => parseProfileChanges({ name: 'n'.repeat(NAME_MAX_LENGTH + 1) })).toThrowError(badInput('name'));
  });

  it('clears the bio when it is null or blank, and bounds its length', () => {
    expect(parseProfileChanges({ bio: null })).toEqual({ bio: null });
    expect(parseProfileChanges({ bio: '  ' })).toEqual({ bio: null });
    expect(() => parseProfileChanges({ bio: 'b'.repeat(BIO_MAX_LENGTH + 1) })).toThrowError(badInput('bio'));
  });

  it('keeps each skill once, ignoring case, in the order given', () => {
    expect(parseProfileChanges({ skills: [' Plumbing', 'painting', 'plumbing '] })).toEqual({ skills: ['Plumbing', 'painting'] });
    expect(parseProfileChanges({ skills: null })).toEqual({ skills: [] });
  });

  it('refuses blank, too long or too many skills', () => {
    expect(() => parseProfileChanges({ skills: [' '] })).toThrowError(badInput('skills'));
    expect(() => parseProfileChanges({ skills: ['s'.repeat(SKILL_MAX_LENGTH + 1)] })).toThrowError(badInput('skills'));
    const many = Array.from({ length: SKILLS_MAX_COUNT + 1 }, (_, i) => `skill ${i}`);
    expect(() => parseProfileChanges({ skills: many })).toThrowError(/at most 20 skills/);
    expect(parseProfileChanges({ skills: many.slice(0, SKILLS_MAX_COUNT) }).skills).toHaveLength(SKILLS_MAX_COUNT);
  });
});
