import { describe, it, expect, beforeAll, afterAll } from '@jest/globals';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { fetchPdf, labelRetryDelay, looksLikePdf } from '../../src/labels/fetch-pdf.js';
import { LabelFetchError } from '../../src/labels/errors.js';
import { makePdf } from './pdf-fixtures.js';

let server: http.Server;
let base: string;
let pdf: Uint8Array;
const hits = new Map<string, number>();

function route(req: http.IncomingMessage, res: http.ServerResponse): void {
  const path = new URL(req.url ?? '/', 'http://x').pathname;
  const n = (hits.get(path) ?? 0) + 1;
  hits.set(path, n);
  const sendPdf = (): void => {
    res.writeHead(200, { 'content-type': 'application/pdf', 'content-length': pdf.length });
    res.end(pdf);
  };
  switch (path) {
    case '/label.pdf':
      return sendPdf();
    case '/html':
      res.writeHead(200, { 'content-type': 'text/html' });
      return void res.end('<html>AccessDenied</html>');
    case '/big': {
      const body = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(64 * 1024, 0x20)]);
      res.writeHead(200, { 'content-type': 'application/pdf', 'content-length': body.length });
      return void res.end(body);
    }
    case '/big-chunked': {
      // No Content-Length: the cap must hold on the bytes actually received.
      res.writeHead(200, { 'content-type': 'application/pdf' });
      res.write('%PDF-1.7\n');
      for (let i = 0; i < 16; i++) res.write(Buffer.alloc(8 * 1024, 0x20));
      return void res.end();
    }
    case '/flaky':
      if (n <= 2) {
        res.writeHead(503);
        return void res.end('busy');
      }
      return sendPdf();
    case '/down':
      res.writeHead(500);
      return void res.end('down');
    case '/gone':
      res.writeHead(404);
      return void res.end('no such label');
    case '/hang':
      return; // never answers
    default:
      res.writeHead(400);
      res.end();
  }
}

beforeAll(async () => {
  pdf = await makePdf([{ size: [288, 432], text: 'LABEL' }]);
  server = http.createServer(route);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

async function failure(promise: Promise<unknown>): Promise<LabelFetchError> {
  try {
    await promise;
  } catch (err) {
    expect(err).toBeInstanceOf(LabelFetchError);
    return err as LabelFetchError;
  }
  throw new Error('expected fetchPdf to fail');
}

describe('fetchPdf', () => {
  it('returns the PDF bytes as served', async () => {
    const bytes = await fetchPdf(`${base}/label.pdf`);
    expect(Buffer.from(bytes).equals(Buffer.from(pdf))).toBe(true);
    expect(looksLikePdf(bytes)).toBe(true);
  });

  it('rejects an answer that is not a PDF with ERR_LABEL_FETCH', async () => {
    const err = await failure(fetchPdf(`${base}/html`));
    expect(err.code).toBe('ERR_LABEL_FETCH');
    expect(err.reason).toBe('not_pdf');
  });

  it('rejects a PDF over maxBytes, by Content-Length and by bytes received', async () => {
    const declared = await failure(fetchPdf(`${base}/big`, { maxBytes: 16 * 1024 }));
    expect(declared.reason).toBe('too_large');
    const chunked = await failure(fetchPdf(`${base}/big-chunked`, { maxBytes: 16 * 1024 }));
    expect(chunked.reason).toBe('too_large');
    // The same file passes under a larger cap.
    expect((await fetchPdf(`${base}/big`, { maxBytes: 1024 * 1024 })).length).toBe(9 + 64 * 1024);
  });

  it('retries 5xx twice and then succeeds', async () => {
    const bytes = await fetchPdf(`${base}/flaky`);
    expect(looksLikePdf(bytes)).toBe(true);
    expect(hits.get('/flaky')).toBe(3);
  });

  it('gives up after two retries on 5xx, and never retries a 4xx', async () => {
    const down = await failure(fetchPdf(`${base}/down`));
    expect(down).toMatchObject({ code: 'ERR_LABEL_FETCH', reason: 'http_status', httpStatus: 500 });
    expect(hits.get('/down')).toBe(3);
    const gone = await failure(fetchPdf(`${base}/gone`));
    expect(gone).toMatchObject({ reason: 'http_status', httpStatus: 404 });
    expect(hits.get('/gone')).toBe(1);
  });

  it('times out a server that never answers', async () => {
    const err = await failure(fetchPdf(`${base}/hang`, { timeoutMs: 150 }));
    expect(err.reason).toBe('timeout');
  });

  it('reports a refused connection as a network error', async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const err = await failure(fetchPdf(`http://127.0.0.1:${port}/label.pdf`));
    expect(err.reason).toBe('network');
  });

  it('never puts the key of a label URL in the error', async () => {
    const secret = 'sk_live_9f8e7d6c5b4a';
    for (const path of ['/html', '/gone', '/down']) {
      const err = await failure(fetchPdf(`${base}${path}?username=acme&key=${secret}`));
      expect(err.message).toContain('key=[REDACTED]');
      expect(err.message).toContain('username=acme');
      for (const text of [err.message, String(err.stack), JSON.stringify(err), err.url]) {
        expect(text).not.toContain(secret);
      }
      expect(err.cause).toBeUndefined();
    }
  });

  it('rejects a URL that is not http(s)', async () => {
    expect((await failure(fetchPdf('file:///etc/passwd'))).reason).toBe('invalid_url');
    expect((await failure(fetchPdf('not a url'))).reason).toBe('invalid_url');
  });
});

describe('labelRetryDelay', () => {
  it('keeps got saying stop, and waits a little longer each try', () => {
    expect(labelRetryDelay(1, 0)).toBe(0);
    expect(labelRetryDelay(1, 1000)).toBe(250);
    expect(labelRetryDelay(2, 2000)).toBe(500);
  });
});
