import { type AnchorHTMLAttributes, type ReactNode, createContext, useContext, useEffect, useState } from 'react';

/** A small history router: the server answers index.html for every console path, the app picks the page. */
interface RouterState {
  path: string;
  /** The query string, `?checkpoint=…` or empty: state a page keeps in its address (it survives reloads and links). */
  search: string;
  navigate: (to: string, options?: { replace?: boolean }) => void;
}

const RouterContext = createContext<RouterState>({ path: '/', search: '', navigate: () => undefined });

export function Router({ children }: { children: ReactNode }) {
  const [location, setLocation] = useState({ path: window.location.pathname, search: window.location.search });
  useEffect(() => {
    const onPop = () => setLocation({ path: window.location.pathname, search: window.location.search });
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);
  const navigate = (to: string, options: { replace?: boolean } = {}) => {
    const samePage = new URL(to, window.location.href).pathname === window.location.pathname;
    if (to !== window.location.pathname + window.location.search) {
      if (options.replace) window.history.replaceState(null, '', to);
      else window.history.pushState(null, '', to);
    }
    setLocation({ path: window.location.pathname, search: window.location.search });
    if (!samePage) window.scrollTo(0, 0);
  };
  return <RouterContext.Provider value={{ ...location, navigate }}>{children}</RouterContext.Provider>;
}

export const useRouter = () => useContext(RouterContext);

/** One parameter of the address's query string and a setter that keeps the rest (replacing the history entry). */
export function useQueryParam(name: string): [string | undefined, (value: string | undefined, options?: { replace?: boolean }) => void] {
  const { path, search, navigate } = useRouter();
  const params = new URLSearchParams(search);
  const set = (value: string | undefined, options: { replace?: boolean } = {}) => {
    const next = new URLSearchParams(search);
    if (value === undefined || value === '') next.delete(name);
    else next.set(name, value);
    const query = next.toString();
    navigate(`${path}${query ? `?${query}` : ''}`, options);
  };
  return [params.get(name) ?? undefined, set];
}

/** `/department/:dept/:year` → params when the path matches. */
export function match(pattern: string, path: string): Record<string, string> | null {
  const names: string[] = [];
  const regex = new RegExp(
    '^' +
      pattern.replace(/\/:(\w+)/g, (_all, name: string) => {
        names.push(name);
        return '/([^/]+)';
      }) +
      '/?$',
  );
  const found = regex.exec(path);
  if (!found) return null;
  return Object.fromEntries(names.map((name, i) => [name, decodeURIComponent(found[i + 1])]));
}

export function Link({ to, children, ...rest }: { to: string; children: ReactNode } & AnchorHTMLAttributes<HTMLAnchorElement>) {
  const { navigate, path } = useRouter();
  return (
    <a
      href={to}
      aria-current={path === to.split('?')[0] ? 'page' : undefined}
      onClick={(event) => {
        if (event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
        event.preventDefault();
        navigate(to);
      }}
      {...rest}
    >
      {children}
    </a>
  );
}
