/**
 * Reading requests and writing replies on node:http, including the misbehaviours the
 * scenarios need: a socket destroyed without an answer, a body cut short on the wire,
 * and an answer held back by a real timer.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

export type Reply =
  | { type: 'json'; status: number; body: unknown; headers?: Record<string, string> }
  | { type: 'raw'; status: number; contentType: string; data: string | Uint8Array; headers?: Record<string, string> }
  /** Headers promise the whole text; half of it is sent, then the socket is destroyed. */
  | { type: 'cut'; status: number; text: string }
  /** The socket is destroyed before any answer. */
  | { type: 'reset' };

const MAX_BODY = 1024 * 1024;

export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = chunk as Buffer;
    size += buf.length;
    if (size > MAX_BODY) throw new Error('body too large');
    chunks.push(buf);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export function json(status: number, body: unknown, headers?: Record<string, string>): Reply {
  return headers ? { type: 'json', status, body, headers } : { type: 'json', status, body };
}

export function writeReply(req: IncomingMessage, res: ServerResponse, reply: Reply): void {
  if (res.destroyed || res.writableEnded) return;
  switch (reply.type) {
    case 'reset':
      req.socket.destroy();
      return;
    case 'cut': {
      const whole = Buffer.from(reply.text, 'utf8');
      res.writeHead(reply.status, { 'content-type': 'application/json', 'content-length': String(whole.length) });
      res.write(whole.subarray(0, Math.floor(whole.length / 2)), () => req.socket.destroy());
      return;
    }
    case 'json': {
      const data = Buffer.from(JSON.stringify(reply.body), 'utf8');
      res.writeHead(reply.status, { 'content-type': 'application/json', 'content-length': String(data.length), ...reply.headers });
      res.end(data);
      return;
    }
    case 'raw': {
      const data = typeof reply.data === 'string' ? Buffer.from(reply.data, 'utf8') : Buffer.from(reply.data);
      res.writeHead(reply.status, { 'content-type': reply.contentType, 'content-length': String(data.length), ...reply.headers });
      res.end(data);
      return;
    }
  }
}
