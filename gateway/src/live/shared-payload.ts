/** A subscriber whose queue waits on a payload: woken (and writing) once the payload is there. */
export interface PayloadWaiter {
  wake(): void;
}

/**
 * Subscribers woken in one go when a shared payload arrives, before the gateway turns to other
 * work (NATS messages, other hydrations' answers): a thousand watchers of one task are a
 * thousand socket writes, and the next event's hydration should not wait behind all of them.
 */
export const FANOUT_CHUNK = 256;

function wakeFrom(waiters: readonly PayloadWaiter[], from: number): void {
  const end = Math.min(waiters.length, from + FANOUT_CHUNK);
  for (let i = from; i < end; i++) waiters[i]?.wake();
  if (end < waiters.length) setImmediate(wakeFrom, waiters, end);
}

/**
 * One hydration's payload, serialized once, shared by every subscriber of its group (same
 * event, selection and viewer scope). When it arrives, the subscribers waiting on it write it
 * in one synchronous pass (in chunks of FANOUT_CHUNK), not each in a promise continuation of
 * its own.
 */
export class SharedPayload {
  /** undefined until the hydration settles; null when the viewer may not see the event. */
  private value: string | null | undefined = undefined;
  private waiters: PayloadWaiter[] = [];

  /** `hydration` never rejects (live-hub.ts turns failures into error payloads). */
  constructor(hydration: Promise<string | null>) {
    void hydration.then((text) => {
      this.value = text;
      const waiters = this.waiters;
      this.waiters = [];
      wakeFrom(waiters, 0);
    });
  }

  get ready(): boolean {
    return this.value !== undefined;
  }

  /** The serialized payload once ready; null when not to be delivered (or not ready). */
  get text(): string | null {
    return this.value ?? null;
  }

  /** Wakes `waiter` once the payload is ready (at once if it is). */
  whenReady(waiter: PayloadWaiter): void {
    if (this.ready) waiter.wake();
    else this.waiters.push(waiter);
  }
}
