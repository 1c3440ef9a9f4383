/** A minimal Server-Sent Events client over fetch: enough for the reporting service's /progress/stream. */
export interface SseMessage {
  event: string;
  id?: string;
  data: string;
}

export interface SseClient {
  /** Resolves when the response headers arrived (the stream is open). */
  opened: Promise<void>;
  /** What ended the stream other than close(), if anything. */
  error(): unknown;
  close(): Promise<void>;
}

export function openSse(url: string, onMessage: (m: SseMessage, receivedAt: number) => void): SseClient {
  const abort = new AbortController();
  let failure: unknown;
  let markOpen!: () => void;
  let failOpen!: (err: unknown) => void;
  const opened = new Promise<void>((resolve, reject) => {
    markOpen = resolve;
    failOpen = reject;
  });
  const loop = (async () => {
    const res = await fetch(url, { headers: { accept: 'text/event-stream' }, signal: abort.signal });
    if (!res.ok || !res.body) throw new Error(`GET ${url}: HTTP ${res.status}`);
    markOpen();
    const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      const receivedAt = performance.now();
      buffer += value;
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const frame = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const m: SseMessage = { event: 'message', data: '' };
        const data: string[] = [];
        for (const line of frame.split('\n')) {
          if (line.startsWith(':')) continue;
          const colon = line.indexOf(':');
          const field = colon < 0 ? line : line.slice(0, colon);
          const v = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
          if (field === 'event') m.event = v;
          else if (field === 'id') m.id = v;
          else if (field === 'data') data.push(v);
        }
        if (data.length === 0) continue;
        m.data = data.join('\n');
        onMessage(m, receivedAt);
      }
    }
  })().catch((err: unknown) => {
    failOpen(err);
    if (!abort.signal.aborted) failure = err;
  });
  return {
    opened,
    error: () => failure,
    close: async () => {
      abort.abort();
      await loop;
    },
  };
}
