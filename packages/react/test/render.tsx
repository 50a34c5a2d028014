import { SxProvider } from '@sx/react';
import { createClient, memoryTokenStore, type SxClient, type TokenStore } from '@sx/sdk';
import { eventually, stackInfo } from '@sx/testkit';
import type { ReactNode } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import WebSocket from 'ws';

// Hooks rendered by React DOM into jsdom, talking to the test stack's real gateway. Updates are
// left to React's own scheduling (no act()): the tests poll the rendered values with a deadline,
// as a person would watch the screen.

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = false;

export interface Rendered<T> {
  /** The value of the latest render. */
  current(): T;
  /** Every value rendered, oldest first. */
  history: T[];
  /** Waits until a render's value passes `check`, and returns it. */
  until(check: (value: T) => boolean, what?: string): Promise<T>;
  rerender(): void;
  unmount(): void;
}

/**
 * A client of the test stack's gateway (or of another at `url`); `ws` because jsdom's WebSocket
 * would send an Origin the gateway refuses.
 */
export function testClient(store: TokenStore = memoryTokenStore(), url = stackInfo().gatewayUrl): SxClient {
  return createClient({ url, tokenStore: store, webSocketImpl: WebSocket });
}

/** Renders `hook` in a component under <SxProvider client={client}> (and `wrap`, when given). */
export async function renderHook<T>(client: SxClient, hook: () => T, wrap: (children: ReactNode) => ReactNode = (c) => c): Promise<Rendered<T>> {
  const history: T[] = [];
  function Probe() {
    history.push(hook());
    return null;
  }
  const root: Root = createRoot(document.createElement('div'));
  const render = () => root.render(<SxProvider client={client}>{wrap(<Probe />)}</SxProvider>);
  render();
  const current = () => {
    const last = history.at(-1);
    if (history.length === 0) throw new Error('the hook has not rendered yet');
    return last as T;
  };
  await eventually(async () => history.length, (n) => n > 0, { what: 'a first render' });
  return {
    current,
    history,
    until: (check, what = 'the hook to render the expected value') => eventually(async () => current(), check, { what }),
    rerender: render,
    unmount: () => root.unmount(),
  };
}
