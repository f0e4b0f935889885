import { useCallback, useEffect, useState, type Dispatch, type SetStateAction } from 'react';
import { getJson } from '../api/client';
import type { Page } from '../api/types';

export interface CursorPages<T> {
  items: T[];
  setItems: Dispatch<SetStateAction<T[]>>;
  cursor: string | null;
  loading: boolean;
  loadingMore: boolean;
  error: Error | null;
  reload: () => void;
  loadMore: () => Promise<void>;
}

/**
 * A list read page by page along the API's next_cursor: the first page again whenever `path` changes or on reload()
 * (a superseded answer is dropped via the abort signal), the next one on loadMore(), joined by `append`. A failed
 * first page empties the list when `clearOnError`, else the previous list stays beside the error.
 */
export function useCursorPages<T>(
  path: (after: string | null) => string,
  append: (list: T[], page: T[]) => T[],
  clearOnError: boolean,
): CursorPages<T> {
  const [items, setItems] = useState<T[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [loadingMore, setLoadingMore] = useState(false);
  const [error, setError] = useState<Error | null>(null);
  const [generation, setGeneration] = useState(0);
  const reload = useCallback(() => setGeneration((g) => g + 1), []);

  useEffect(() => {
    const controller = new AbortController();
    setLoading(true);
    setError(null);
    getJson<Page<T>>(path(null), controller.signal).then(
      (page) => {
        setItems(page.items);
        setCursor(page.next_cursor ?? null);
        setLoading(false);
      },
      (e: Error) => {
        if (!controller.signal.aborted) {
          if (clearOnError) {
            setItems([]);
            setCursor(null);
          }
          setError(e);
          setLoading(false);
        }
      },
    );
    return () => controller.abort();
  }, [path, generation, clearOnError]);

  const loadMore = async () => {
    setLoadingMore(true);
    try {
      const page = await getJson<Page<T>>(path(cursor));
      setItems((list) => append(list, page.items));
      setCursor(page.next_cursor ?? null);
      setError(null);
    } catch (e) {
      setError(e as Error);
    } finally {
      setLoadingMore(false);
    }
  };

  return { items, setItems, cursor, loading, loadingMore, error, reload, loadMore };
}
