import { describe, expect, it } from 'vitest';
import { SseParser } from '../src/lib/sse';

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
