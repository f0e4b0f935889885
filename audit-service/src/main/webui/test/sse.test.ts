import { afterEach, describe, expect, it, vi } from 'vitest';
import { followStream, SseParser } from '../src/lib/sse';

describe('SseParser', () => {
  it('shouldEmitAMessageOnlyOnceItsBlankLineArrives', () => {
    const parser = new SseParser();

    expect(parser.push('event: alert\ndata: {"id":')).toEqual([]);
    expect(parser.push('"1"}\n')).toEqual([]);
    expect(parser.push('\n')).toEqual([{ event: 'alert', data: '{"id":"1"}', id: undefined }]);
  });

  it('shouldJoinDataLinesAndIgnoreComments', () => {
    const parser = new SseParser();

    const messages = parser.push(': keep-alive\r\ndata: a\r\ndata: b\r\nid: 7\r\n\r\ndata: c\n\n');

    expect(messages).toEqual([
      { event: 'message', data: 'a\nb', id: '7' },
      { event: 'message', data: 'c', id: '7' },
    ]);
  });
});

function streamOf(text: string): Response {
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(new TextEncoder().encode(text));
      controller.close();
    },
  });
  return new Response(body, { status: 200, headers: { 'Content-Type': 'text/event-stream' } });
}

describe('followStream', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('shouldResumeWithTheLastEventIdAfterTheConnectionDrops', async () => {
    const controller = new AbortController();
    const sent: Array<Record<string, string>> = [];
    const answers = [
      streamOf('id: 41\ndata: {"id":"a"}\n\n: keep-alive\n\nid: 42\ndata: {"id":"b"}\n\n'),
      streamOf('id: 43\ndata: {"id":"c"}\n\n'),
    ];
    vi.stubGlobal(
      'fetch',
      vi.fn(async (_path: string, init: RequestInit) => {
        sent.push(init.headers as Record<string, string>);
        const answer = answers.shift();
        if (!answer) {
          controller.abort();
          throw new DOMException('aborted', 'AbortError');
        }
        return answer;
      }),
    );
    const received: string[] = [];

    await followStream('/api/alerts/stream', (m) => received.push(m.data), () => {}, controller.signal, 1);

    expect(received).toEqual(['{"id":"a"}', '{"id":"b"}', '{"id":"c"}']);
    expect(sent.map((h) => h['Last-Event-ID'])).toEqual([undefined, '42', '43']);
  });
});
