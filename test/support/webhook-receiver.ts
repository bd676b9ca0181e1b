import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the receiver got: the exact bytes and the headers. */
export interface ReceivedRequest {
  body: Buffer;
  headers: IncomingMessage['headers'];
}

/** How the receiver answers its n-th request (0-based): a status, or 'hang' to hold the answer back. */
export type Answer = (n: number, request: ReceivedRequest) => number | 'hang';

/** A local HTTP receiver standing in for an SMS gateway, with the requests it got and what it did. */
export interface WebhookReceiver {
  url: string;
  requests: ReceivedRequest[];
  /** Message ids acted on: the receiver deduplicates by message id, as docs/api.md asks receivers to. */
  effects: string[];
  /** Resolves when the receiver has got `count` requests. */
  received(count: number): Promise<void>;
  /** Answers every request held back with `status`. */
  release(status: number): void;
  close(): Promise<void>;
}

/** Starts a receiver on an ephemeral port of 127.0.0.1. */
export async function startReceiver(answer: Answer): Promise<WebhookReceiver> {
  const requests: ReceivedRequest[] = [];
  const effects: string[] = [];
  const held: ServerResponse[] = [];
  const waiting: Array<{ count: number; resolve: () => void }> = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const request = { body: Buffer.concat(chunks), headers: req.headers };
      const n = requests.push(request) - 1;
      for (const w of waiting.filter((w) => requests.length >= w.count)) w.resolve();
      const status = answer(n, request);
      if (status === 'hang') {
        held.push(res);
        return;
      }
      if (status < 300) {
        const id = String(JSON.parse(request.body.toString('utf8')).id);
        if (!effects.includes(id)) effects.push(id);
      }
      res.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks/zerotrip`,
    requests,
    effects,
    received: (count) =>
      requests.length >= count
        ? Promise.resolve()
        : new Promise((resolve) => waiting.push({ count, resolve })),
    release(status) {
      for (const res of held.splice(0)) res.writeHead(status).end();
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
