import type { ComponentChildren, JSX } from 'preact';
import { createStore, useStore } from './store.ts';

/** The path and query the console shows; the service answers every such path with the console (SPA). */
export interface Location {
  path: string;
  query: URLSearchParams;
}

const read = (): Location => ({
  path: window.location.pathname,
  query: new URLSearchParams(window.location.search),
});

const location = createStore<Location>(read());
window.addEventListener('popstate', () => location.set(read()));

/** Goes to `to` (a path with an optional query) without reloading the page. */
export function navigate(to: string, options: { replace?: boolean } = {}): void {
  if (options.replace) window.history.replaceState(null, '', to);
  else window.history.pushState(null, '', to);
  location.set(read());
  window.scrollTo(0, 0);
}

/** The current location; the component renders again when it changes. */
export function useLocation(): Location {
  return useStore(location);
}

/** The parameters of `pattern` (`/cases/:id`) in `path`, or null when it does not match. */
export function match(pattern: string, path: string): Record<string, string> | null {
  const want = pattern.split('/').filter(Boolean);
  const have = path.split('/').filter(Boolean);
  if (want.length !== have.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    if (want[i]!.startsWith(':')) params[want[i]!.slice(1)] = decodeURIComponent(have[i]!);
    else if (want[i] !== have[i]) return null;
  }
  return params;
}

/** An ordinary link that the console follows itself (a modified click still opens a new tab). */
export function Link(
  props: { href: string; children: ComponentChildren } & JSX.HTMLAttributes<HTMLAnchorElement>,
) {
  const { href, children, ...rest } = props;
  const follow = (event: MouseEvent) => {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    navigate(href);
  };
  return (
    <a href={href} onClick={follow} {...rest}>
      {children}
    </a>
  );
}
