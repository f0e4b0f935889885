// Names for the ids on screen: components ask for the ids they show, the provider looks them up in batches (one
// request per 100 ids, the requests of one render together) and keeps the answers for the page's lifetime. Without a
// provider (a component rendered alone) every id simply has no name and the UI shows the id.
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { lookupNames, type DirectoryEntry } from '../api/directory';

/** null: asked, and the directory does not know the id. */
export type NameLookup = (id: string | null | undefined) => DirectoryEntry | null | undefined;

interface Directory {
  get: NameLookup;
  request: (ids: string[]) => void;
}

const NamesContext = createContext<Directory>({ get: () => undefined, request: () => {} });

export function NamesProvider({ children, lookup = lookupNames }: { children: ReactNode; lookup?: typeof lookupNames }) {
  const [known, setKnown] = useState<ReadonlyMap<string, DirectoryEntry | null>>(new Map());
  const asked = useRef(new Set<string>());
  const pending = useRef(new Set<string>());
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  const request = useCallback(
    (ids: string[]) => {
      const flush = () => {
        timer.current = null;
        const batch = [...pending.current];
        pending.current.clear();
        lookup(batch).then(
          (entries) =>
            setKnown((current) => {
              const next = new Map(current);
              batch.forEach((id) => next.set(id, null));
              entries.forEach((entry) => next.set(entry.resource_id, entry));
              return next;
            }),
          // Asked again by the next render that shows them.
          () => batch.forEach((id) => asked.current.delete(id)),
        );
      };
      for (const id of ids) {
        if (id && !asked.current.has(id)) {
          asked.current.add(id);
          pending.current.add(id);
        }
      }
      if (pending.current.size > 0 && timer.current === null) {
        timer.current = setTimeout(flush, 0);
      }
    },
    [lookup],
  );
  const directory = useMemo<Directory>(() => ({ get: (id) => (id ? known.get(id) : undefined), request }), [known, request]);

  return <NamesContext.Provider value={directory}>{children}</NamesContext.Provider>;
}

/** Looks up these ids (once each) and returns a reader for their names. */
export function useNames(ids: Array<string | null | undefined>): NameLookup {
  const directory = useContext(NamesContext);
  const key = ids.filter(Boolean).join(',');
  useEffect(() => {
    if (key) {
      directory.request(key.split(','));
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, directory.request]);
  return directory.get;
}
