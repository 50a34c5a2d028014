import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { BackHandler } from 'react-native';

// A stack of screens in state: the app has nine, so a navigation library would weigh more than
// it gives. Android's back button pops the stack.

export type Route = { name: 'nearby' } | { name: 'mine' } | { name: 'post' } | { name: 'wallet' } | { name: 'notifications' } | { name: 'task'; taskId: string } | { name: 'groups' } | { name: 'group'; groupId: string };

/** The screens reached from the tab bar; opening one starts a new stack. */
export const TABS = [
  { route: { name: 'nearby' }, label: 'Nearby' },
  { route: { name: 'mine' }, label: 'My tasks' },
  { route: { name: 'post' }, label: 'Post a task' },
  { route: { name: 'wallet' }, label: 'Wallet' },
  { route: { name: 'groups' }, label: 'Groups' },
] as const satisfies readonly { route: Route; label: string }[];

interface Navigation {
  route: Route;
  /** Opens a screen on top of the current one. */
  push(route: Route): void;
  /** Opens a tab's screen, forgetting the stack. */
  switchTo(route: Route): void;
  back(): void;
  canGoBack: boolean;
}

const NavigationContext = createContext<Navigation | null>(null);

export function NavigationProvider({ children }: { children: ReactNode }) {
  const [stack, setStack] = useState<Route[]>([{ name: 'nearby' }]);
  const back = useCallback(() => setStack((current) => (current.length > 1 ? current.slice(0, -1) : current)), []);
  const canGoBack = stack.length > 1;

  useEffect(() => {
    const subscription = BackHandler.addEventListener('hardwareBackPress', () => {
      if (!canGoBack) return false; // let Android leave the app
      back();
      return true;
    });
    return () => subscription.remove();
  }, [back, canGoBack]);

  const navigation = useMemo<Navigation>(
    () => ({
      route: stack.at(-1) ?? { name: 'nearby' },
      push: (route) => setStack((current) => [...current, route]),
      switchTo: (route) => setStack([route]),
      back,
      canGoBack,
    }),
    [stack, back, canGoBack],
  );
  return <NavigationContext.Provider value={navigation}>{children}</NavigationContext.Provider>;
}

export function useNavigation(): Navigation {
  const navigation = useContext(NavigationContext);
  if (!navigation) throw new Error('useNavigation outside <NavigationProvider>');
  return navigation;
}
