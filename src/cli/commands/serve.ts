/**
 * `alpenglow serve [--port N] [--dev]`: builds the web app (src/web, vite.config.ts) and serves it on
 * 127.0.0.1 only, printing the URL. `--dev` serves the sources through Vite's dev server instead
 * (rebuilds on edit). The page runs the Monte Carlo on the visitor's GPU through WebGPU; the server
 * only hands out static files. docs/web.md.
 */
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { parseNumberFlag, UsageError, type CliCommand } from '../command.ts';

/** The only interface the server listens on: the app is for the person at this machine. */
export const SERVE_HOST = '127.0.0.1';
export const DEFAULT_SERVE_PORT = 5173;

const VITE_CONFIG = fileURLToPath(new URL('../../../vite.config.ts', import.meta.url));

export interface WebServer {
  url: string;
  close(): Promise<void>;
}

export interface WebServerOptions {
  /** 0 picks a free port. */
  port: number;
  /** Vite dev server (sources, rebuild on edit) instead of a production build. */
  dev?: boolean;
  /** Fail instead of trying the next port when `port` is taken (default: true when a port is given). */
  strictPort?: boolean;
  /** Vite's log level (default 'warn'). */
  logLevel?: 'info' | 'warn' | 'error' | 'silent';
}

export class ServeError extends Error {
  override name = 'ServeError';
  readonly userFacing = true;
}

function firstUrl(urls: { local: string[] } | null | undefined, port: number): string {
  const local = urls?.local.find((url) => url.includes(SERVE_HOST)) ?? urls?.local[0];
  return local ?? `http://${SERVE_HOST}:${port}/`;
}

/** Builds (unless dev) and starts the server; resolves once it listens. */
export async function startWebServer(options: WebServerOptions): Promise<WebServer> {
  let vite: typeof import('vite');
  try {
    vite = await import('vite');
  } catch (error) {
    // The offline bundle (scripts/bundle.mjs) carries the CLI but not Vite and the web app's sources.
    throw new UsageError(`serve needs a checkout of alpenglow with its npm packages (Vite could not be loaded: ${(error as Error).message.split('\n')[0]}); the offline bundle has no web app`);
  }
  const strictPort = options.strictPort ?? options.port !== 0;
  const logLevel = options.logLevel ?? 'warn';
  try {
    if (options.dev) {
      const server = await vite.createServer({
        configFile: VITE_CONFIG, logLevel,
        server: { host: SERVE_HOST, port: options.port, strictPort },
      });
      await server.listen();
      return { url: firstUrl(server.resolvedUrls, options.port), close: () => server.close() };
    }
    await vite.build({ configFile: VITE_CONFIG, logLevel });
    const server = await vite.preview({
      configFile: VITE_CONFIG, logLevel,
      preview: { host: SERVE_HOST, port: options.port, strictPort, open: false },
    });
    const address = server.httpServer.address();
    const port = typeof address === 'object' && address ? address.port : options.port;
    return {
      url: `http://${SERVE_HOST}:${port}/`,
      close: () => server.close(),
    };
  } catch (error) {
    const err = error as NodeJS.ErrnoException;
    if (err.code === 'EADDRINUSE' || /already in use/i.test(err.message)) {
      throw new ServeError(`port ${options.port} on ${SERVE_HOST} is already in use: choose another with --port N (or --port 0 for any free port)`);
    }
    throw error;
  }
}

export const serveCommand: CliCommand = {
  name: 'serve',
  summary: 'build and serve the web app (WebGPU in the browser) on 127.0.0.1',
  usage: `alpenglow serve [--port N] [--dev]

Builds the web app and serves it on ${SERVE_HOST} only (never on other interfaces), then prints
its URL. Open it in Chrome or Edge (WebGPU). Stop with Ctrl-C.

  --port N   port to listen on (default ${DEFAULT_SERVE_PORT}; 0 = any free port)
  --dev      serve the sources with Vite's dev server (reloads on edit) instead of a build`,
  async run(argv) {
    const { values, positionals } = parseArgs({
      args: argv,
      options: { port: { type: 'string' }, dev: { type: 'boolean', default: false } },
      strict: true,
      allowPositionals: true,
    });
    if (positionals.length > 0) throw new UsageError(`unexpected argument '${positionals[0]}' (see alpenglow serve --help)`);
    const port = parseNumberFlag('port', values.port, { integer: true, min: 0 }) ?? DEFAULT_SERVE_PORT;
    if (port > 65535) throw new UsageError(`--port must be ≤ 65535 (got ${port})`);
    if (!values.dev) process.stderr.write('alpenglow serve: building the web app…\n');
    const server = await startWebServer({ port, dev: values.dev });
    process.stdout.write(`alpenglow web app: ${server.url}\n`);
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
