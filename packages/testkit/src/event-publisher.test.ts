import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { decodeEnvelope, EventSchemaError, taskCompleted, taskPosted } from '@sx/events';
import { eventEnvelope } from './event-publisher.js';

describe('eventEnvelope', () => {
  const completed = { taskId: randomUUID(), posterId: randomUUID(), assigneeId: randomUUID(), completedBy: 'POSTER' as const };

  it('builds an envelope a consumer accepts as is, at the type’s latest version, from the system by default', () => {
    const envelope = eventEnvelope(taskCompleted, completed, { occurredAt: new Date('2026-03-01T10:00:00.000Z') });
    expect(envelope).toMatchObject({ type: 'tasks.task.completed', version: 1, occurredAt: '2026-03-01T10:00:00.000Z', actor: { kind: 'system', id: null }, traceparent: null, data: completed });
    expect(decodeEnvelope(JSON.parse(JSON.stringify(envelope)))).toEqual(envelope);
    const posted = eventEnvelope(taskPosted, { taskId: randomUUID(), posterId: randomUUID(), status: 'OPEN', budget: { amountMinor: 500, currency: 'EUR' }, dueAt: null });
    expect(posted.version).toBe(2);
  });

  it('gives each envelope a fresh id unless told one', () => {
    expect(eventEnvelope(taskCompleted, completed).id).not.toBe(eventEnvelope(taskCompleted, completed).id);
    const id = randomUUID();
    expect(eventEnvelope(taskCompleted, completed, { id }).id).toBe(id);
  });

  it('refuses a payload the catalogue refuses, so a test cannot publish what no service could write', () => {
    expect(() => eventEnvelope(taskCompleted, { ...completed, taskId: 'not-a-uuid' })).toThrowError(EventSchemaError);
  });
});
