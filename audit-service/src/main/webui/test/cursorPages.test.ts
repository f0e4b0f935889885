import { act, renderHook, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { configureClient } from '../src/api/client';
import { useCursorPages } from '../src/lib/useCursorPages';

type Answer = { status: number; body: unknown };

function serve(answers: Record<string, Answer[]>) {
  const fetch = vi.fn(async (url: string) => {
    const answer = answers[url]?.shift() ?? { status: 404, body: { title: 'Not Found' } };
    return new Response(JSON.stringify(answer.body), {
      status: answer.status,
      headers: { 'Content-Type': 'application/json' },
    });
  });
  vi.stubGlobal('fetch', fetch);
  return fetch;
}

const path = (after: string | null) => '/api/things' + (after ? `?cursor=${after}` : '');
const append = (list: string[], page: string[]) => [...list, ...page];

beforeEach(() => configureClient(() => 'token-123', () => {}));
afterEach(() => vi.unstubAllGlobals());

describe('useCursorPages', () => {
  it('shouldLoadTheFirstPageThenAppendTheNextAlongItsCursor', async () => {
    serve({
      '/api/things': [{ status: 200, body: { items: ['a', 'b'], next_cursor: 'c1' } }],
      '/api/things?cursor=c1': [{ status: 200, body: { items: ['c'], next_cursor: null } }],
    });
    const { result } = renderHook(() => useCursorPages<string>(path, append, true));
    await waitFor(() => expect(result.current.loading).toBe(false));
    expect(result.current.items).toEqual(['a', 'b']);
    expect(result.current.cursor).toBe('c1');

    await act(() => result.current.loadMore());
    expect(result.current.items).toEqual(['a', 'b', 'c']);
    expect(result.current.cursor).toBeNull();
    expect(result.current.error).toBeNull();
  });

  it('shouldEmptyTheListOnAFailedReloadOnlyWhenAskedTo', async () => {
    for (const clearOnError of [true, false]) {
      serve({
        '/api/things': [
          { status: 200, body: { items: ['a'], next_cursor: 'c1' } },
          { status: 500, body: { title: 'Internal Server Error', detail: 'boom' } },
        ],
      });
      const { result, unmount } = renderHook(() => useCursorPages<string>(path, append, clearOnError));
      await waitFor(() => expect(result.current.items).toEqual(['a']));

      act(() => result.current.reload());
      await waitFor(() => expect(result.current.error).not.toBeNull());
      expect(result.current.loading).toBe(false);
      expect(result.current.items).toEqual(clearOnError ? [] : ['a']);
      expect(result.current.cursor).toBe(clearOnError ? null : 'c1');
      unmount();
      vi.unstubAllGlobals();
    }
  });
});
