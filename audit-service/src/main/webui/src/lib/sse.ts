// Server-Sent Events over fetch: EventSource cannot send an Authorization header, and the token must
// never travel in a URL (it would land in access logs and browser history).
import { authHeaders, toApiError } from '../api/client';

export interface SseMessage {
  event: string;
  data: string;
  id?: string;
}

/** Incremental parser of the text/event-stream format (WHATWG HTML, "Server-sent events"). */
export class SseParser {
  private buffer = '';
  private event = '';
  private data: string[] = [];
  private id?: string;

  push(chunk: string): SseMessage[] {
    this.buffer += chunk;
    const messages: SseMessage[] = [];
    let newline: number;
    while ((newline = this.buffer.search(/\r\n|\r|\n/)) >= 0) {
      const line = this.buffer.slice(0, newline);
      const width = this.buffer.startsWith('\r\n', newline) ? 2 : 1;
      this.buffer = this.buffer.slice(newline + width);
      const message = this.line(line);
      if (message) {
        messages.push(message);
      }
    }
    return messages;
  }

  private line(line: string): SseMessage | null {
    if (line === '') {
      if (this.data.length === 0) {
        this.event = '';
        return null;
      }
      const message = { event: this.event || 'message', data: this.data.join('\n'), id: this.id };
      this.event = '';
      this.data = [];
      return message;
    }
    if (line.startsWith(':')) {
      return null;
    }
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) {
      value = value.slice(1);
    }
    if (field === 'data') {
      this.data.push(value);
    } else if (field === 'event') {
      this.event = value;
    } else if (field === 'id') {
      this.id = value;
    }
    return null;
  }
}

export type StreamState = 'connecting' | 'live' | 'reconnecting' | 'stopped';

/**
 * Follows an SSE endpoint until the signal aborts, reconnecting with a capped backoff.
 * A 401/403 stops for good (retrying cannot help); anything else retries.
 * Each reconnection sends the last event id received as Last-Event-ID (what EventSource does), so the
 * server first replays what was raised while the connection was down.
 */
export async function followStream(
  path: string,
  onMessage: (message: SseMessage) => void,
  onState: (state: StreamState) => void,
  signal: AbortSignal,
  firstRetryMs = 1000,
): Promise<void> {
  let delay = firstRetryMs;
  let lastEventId: string | undefined;
  while (!signal.aborted) {
    try {
      const headers: Record<string, string> = { Accept: 'text/event-stream', ...authHeaders() };
      if (lastEventId !== undefined) {
        headers['Last-Event-ID'] = lastEventId;
      }
      const response = await fetch(path, { headers, signal });
      if (response.status === 401 || response.status === 403) {
        onState('stopped');
        throw await toApiError(response);
      }
      if (!response.ok || !response.body) {
        throw new Error(`stream answered ${response.status}`);
      }
      onState('live');
      delay = firstRetryMs;
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      const parser = new SseParser();
      for (;;) {
        const { value, done } = await reader.read();
        if (done) {
          break;
        }
        parser.push(value).forEach((message) => {
          if (message.id !== undefined && message.id !== '') {
            lastEventId = message.id;
          }
          onMessage(message);
        });
      }
    } catch (error) {
      if (signal.aborted || (error as { status?: number }).status) {
        return;
      }
    }
    if (signal.aborted) {
      return;
    }
    onState('reconnecting');
    await new Promise((resolve) => setTimeout(resolve, delay));
    delay = Math.min(delay * 2, 30000);
  }
}
