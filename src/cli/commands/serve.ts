/**
 * `alpenglow serve [--port N] [--dev]`: serves the web app on 127.0.0.1 only, printing the URL. The
 * page is the prebuilt one (dist/web, `vite build` output), handed out by a plain node:http static
 * server: an installed package needs no Vite at run time. In a checkout (src/web and vite.config.ts
 * present) it is rebuilt with Vite first, so the page matches the sources. `--dev` serves the
 * sources through Vite's dev server instead (rebuilds on edit; checkout only). The page runs the
 * Monte Carlo on the visitor's GPU through WebGPU; the server only hands out static files. docs/web.md.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, resolve, sep } from 'node:path';
import { parseNumberFlag, UsageError, type CliCommand } from '../command.ts';
import { defineFlags, formatUsage, JSON_FLAG, parseFlags } from '../flags.ts';
import { packageRoot } from '../package-root.ts';

/** The only interface the server listens on: the app is for the person at this machine. */
export const SERVE_HOST = '127.0.0.1';
export const DEFAULT_SERVE_PORT = 5173;

export interface WebServer {
  url: string;
  close(): Promise<void>;
}

export interface WebServerOptions {
  /** 0 picks a free port. */
  port: number;
  /** Vite dev server (sources, rebuild on edit) instead of the built page. */
  dev?: boolean;
  /** Fail instead of trying the next port when `port` is taken (default: true when a port is given). */
  strictPort?: boolean;
  /** Vite's log level (default 'warn'). */
  logLevel?: 'info' | 'warn' | 'error' | 'silent';
  /** Serve dist/web as it is, without rebuilding it in a checkout (default false). */
  prebuilt?: boolean;
  /** Called before Vite rebuilds the page (a checkout without --prebuilt). */
  onBuild?: () => void;
}

/** A checkout carries the web app's sources and Vite's configuration; the installed package does not. */
export function isCheckout(root: string): boolean {
  return existsSync(join(root, 'vite.config.ts')) && existsSync(join(root, 'src', 'web'));
}

export class ServeError extends Error {
  override name = 'ServeError';
  readonly userFacing = true;
}

function firstUrl(urls: { local: string[] } | null | undefined, port: number): string {
  const local = urls?.local.find((url) => url.includes(SERVE_HOST)) ?? urls?.local[0];
  return local ?? `http://${SERVE_HOST}:${port}/`;
}

async function loadVite(why: string): Promise<typeof import('vite')> {
  try {
    return await import('vite');
  } catch (error) {
    throw new UsageError(
      `serve ${why} needs a checkout of alpenglow with its npm packages (Vite could not be loaded: ${(error as Error).message.split('\n')[0]})`,
    );
  }
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.wgsl': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.wasm': 'application/wasm',
  '.map': 'application/json',
  '.txt': 'text/plain; charset=utf-8',
};

/** A static file server for one directory on SERVE_HOST: GET/HEAD only, nothing outside the directory. */
export async function serveDirectory(root: string, port: number, strictPort: boolean): Promise<WebServer> {
  const base = resolve(root);
  const server = createServer((request, response) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    let path: string;
    try {
      path = decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname);
    } catch {
      response.writeHead(400).end();
      return;
    }
    let file = resolve(base, `.${path}`);
    if (file !== base && !file.startsWith(base + sep)) {
      response.writeHead(403).end();
      return;
    }
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    if (!existsSync(file) || !statSync(file).isFile()) {
      response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end(`not found: ${path}\n`);
      return;
    }
    const body = readFileSync(file);
    response.writeHead(200, {
      'content-type': CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
      'content-length': body.length,
      'cache-control': 'no-cache',
    });
    response.end(request.method === 'HEAD' ? undefined : body);
  });
  const listen = (at: number) =>
    new Promise<number>((resolveListen, reject) => {
      server.once('error', reject);
      server.listen(at, SERVE_HOST, () => {
        server.off('error', reject);
        const address = server.address();
        resolveListen(typeof address === 'object' && address ? address.port : at);
      });
    });
  let bound: number | undefined;
  for (let attempt = port; bound === undefined; attempt++) {
    try {
      bound = await listen(attempt);
    } catch (error) {
      // As Vite does without strictPort: the next port when this one is taken.
      if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE' || strictPort || attempt >= 65535) throw error;
    }
  }
  return {
    url: `http://${SERVE_HOST}:${bound}/`,
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}

/** Starts the server (dev: Vite; else the built page, rebuilt first in a checkout); resolves once it listens. */
export async function startWebServer(options: WebServerOptions): Promise<WebServer> {
  const root = packageRoot();
  if (root === null)
    throw new UsageError('serve: this copy of alpenglow carries no web app (the offline bundle has none); install the npm package or use a checkout');
  const strictPort = options.strictPort ?? options.port !== 0;
  const logLevel = options.logLevel ?? 'warn';
  const viteConfig = join(root, 'vite.config.ts');
  const checkout = isCheckout(root);
  const webDir = join(root, 'dist', 'web');
  try {
    if (options.dev) {
      if (!checkout)
        throw new UsageError(
          "serve --dev serves the web app's sources: it needs a checkout of alpenglow (the installed package has the prebuilt page only: run serve without --dev)",
        );
      const vite = await loadVite('--dev');
      const server = await vite.createServer({
        configFile: viteConfig,
        logLevel,
        server: { host: SERVE_HOST, port: options.port, strictPort },
      });
      await server.listen();
      return { url: firstUrl(server.resolvedUrls, options.port), close: () => server.close() };
    }
    if (checkout && !options.prebuilt) {
      const vite = await loadVite('in a checkout (it builds the page first)');
      options.onBuild?.();
      await vite.build({ configFile: viteConfig, logLevel });
    }
    if (!existsSync(join(webDir, 'index.html')))
      throw new UsageError(`serve: no prebuilt web app in ${webDir} (npm pack builds it; in a checkout run alpenglow serve without --prebuilt)`);
    return await serveDirectory(webDir, options.port, strictPort);
  } catch (error) {
    const err = error as NodeJS.ErrnoException;
    if (err.code === 'EADDRINUSE' || /already in use/i.test(err.message)) {
      throw new ServeError(`port ${options.port} on ${SERVE_HOST} is already in use: choose another with --port N (or --port 0 for any free port)`);
    }
    throw error;
  }
}

const FLAGS = defineFlags({
  port: { type: 'string', value: 'N', description: `port to listen on (default ${DEFAULT_SERVE_PORT}; 0 = any free port)` },
  dev: { type: 'boolean', description: "serve the sources with Vite's dev server (reloads on edit; a checkout only) instead of the built page" },
  prebuilt: { type: 'boolean', description: 'in a checkout, serve dist/web as it is instead of rebuilding it first' },
  json: { ...JSON_FLAG, description: 'print {"url": …} once the server listens (it keeps running)' },
});

export const serveCommand: CliCommand = {
  name: 'serve',
  summary: 'serve the web app (WebGPU in the browser) on 127.0.0.1',
  flags: FLAGS,
  usage: formatUsage(
    {
      synopsis: 'alpenglow serve [--port N] [--dev] [--prebuilt] [--json]',
      description: `Serves the web app on ${SERVE_HOST} only (never on other interfaces), then prints its URL:
the prebuilt page (dist/web) through a plain static server, rebuilt with Vite first in a checkout.
Open it in Chrome or Edge (WebGPU). Stop with Ctrl-C.`,
    },
    FLAGS,
  ),
  async run(argv) {
    const { values, positionals } = parseFlags(FLAGS, argv, { positionals: true });
    if (positionals.length > 0) throw new UsageError(`unexpected argument '${positionals[0]}' (see alpenglow serve --help)`);
    const port = parseNumberFlag('port', values.port, { integer: true, min: 0 }) ?? DEFAULT_SERVE_PORT;
    if (port > 65535) throw new UsageError(`--port must be ≤ 65535 (got ${port})`);
    const onBuild = () => process.stderr.write('alpenglow serve: building the web app…\n');
    const server = await startWebServer({ port, dev: values.dev, prebuilt: values.prebuilt, onBuild });
    if (values.json) process.stdout.write(`${JSON.stringify({ url: server.url, dev: values.dev })}\n`);
    else process.stdout.write(`alpenglow web app: ${server.url}\n`);
    process.stderr.write('alpenglow serve: open the URL in Chrome or Edge (WebGPU); Ctrl-C stops the server\n');
    await new Promise<void>((resolve) => {
      const stop = () => {
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
        void server.close().then(resolve, resolve);
      };
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
    });
    return 0;
  },
};
