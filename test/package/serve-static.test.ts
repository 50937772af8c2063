/**
 * `alpenglow serve`'s static server (src/cli/commands/serve.ts serveDirectory), what the installed
 * package uses instead of Vite: files of one directory on 127.0.0.1, index.html for '/', the right
 * content types, 404 for what is not there, and nothing outside the directory, however the path is spelled.
 */
import { request } from 'node:http';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveDirectory, type WebServer } from '../../src/cli/commands/serve.ts';

const dir = mkdtempSync(join(tmpdir(), 'alpenglow-serve-'));
const web = join(dir, 'web');
let server: WebServer;

beforeAll(async () => {
  mkdirSync(join(web, 'assets'), { recursive: true });
  writeFileSync(join(web, 'index.html'), '<!doctype html><html></html>');
  writeFileSync(join(web, 'assets', 'app.js'), 'export {};');
  writeFileSync(join(dir, 'secret.txt'), 'outside the web directory');
  server = await serveDirectory(web, 0, false);
});
afterAll(async () => {
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A raw GET with the path exactly as given (fetch would normalise '..' away). */
function get(path: string): Promise<{ status: number; type: string; body: string }> {
  const { port } = new URL(server.url);
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method: 'GET' }, (response) => {
      let body = '';
      response.on('data', (chunk) => (body += String(chunk)));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, type: String(response.headers['content-type'] ?? ''), body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('serve: static server of the prebuilt page', () => {
  it('listens on 127.0.0.1 and serves index.html and assets with their types', async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(await get('/')).toMatchObject({ status: 200, type: 'text/html; charset=utf-8', body: '<!doctype html><html></html>' });
    expect(await get('/assets/app.js')).toMatchObject({ status: 200, type: 'text/javascript; charset=utf-8' });
    expect((await get('/assets/missing.js')).status).toBe(404);
  });

  it('never reads outside its directory', async () => {
    for (const path of ['/../secret.txt', '/..%2fsecret.txt', '/assets/..%2f..%2fsecret.txt', '/%2e%2e/secret.txt']) {
      const answer = await get(path);
      expect(answer.status, path).toBeGreaterThanOrEqual(400);
      expect(answer.body, path).not.toContain('outside the web directory');
    }
  });
});
