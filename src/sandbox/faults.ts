/**
 * Turns a scenario's fault window into what goes on the wire. Blocking faults (reset,
 * 500, 429) answer before the order logic runs: nothing is placed. Garbage and slow
 * faults shape the real answer after the order logic ran: the order may be placed
 * although the client never reads that it was (the ambiguous case the notes warn of).
 */
import type { Reply } from './http-io.js';
import { blockingFault, type Faults } from './scenarios.js';

export function blockingReply(faults: Faults, tryNumber: number): Reply | null {
  switch (blockingFault(faults, tryNumber)) {
    case 'reset':
      return { type: 'reset' };
    case 'http500':
      return { type: 'raw', status: 500, contentType: 'text/html', data: '<h1>Server Error (500)</h1>' };
    case 'http429':
      return { type: 'json', status: 429, body: { detail: 'Request was throttled.' }, headers: { 'retry-after': '0' } };
    default:
      return null;
  }
}

/**
 * Garbles an answer, cycling by try: 1) the JSON cut in half, sent as a complete HTTP
 * answer; 2) an HTML page instead of JSON; 3) the JSON cut short on the wire (the
 * socket closes before Content-Length bytes arrived).
 */
export function garble(reply: Reply, tryNumber: number): Reply {
  const text = reply.type === 'json' ? JSON.stringify(reply.body) : '{"meta":{"status":200,"message":"Order placed"},"result":{}}';
  switch ((tryNumber - 1) % 3) {
    case 0:
      return { type: 'raw', status: 200, contentType: 'application/json', data: text.slice(0, Math.max(1, Math.floor(text.length / 2))) };
    case 1:
      return { type: 'raw', status: 200, contentType: 'text/html', data: '<html><body>Service temporarily busy</body></html>' };
    default:
      return { type: 'cut', status: 200, text };
  }
}
