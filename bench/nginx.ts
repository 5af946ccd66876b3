/**
 * Debian's nginx as bench:http's yardstick: a child process with its own configuration in a temporary
 * folder, serving one saved page on a loopback port, stopped with the benchmark.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const NGINX = '/usr/sbin/nginx';

export interface Nginx {
  origin: string;
  stop(): Promise<void>;
}

/** Whether Debian's nginx is installed; `apt-get install nginx-light` (or nginx) when it is not. */
export function hasNginx(): boolean {
  return existsSync(NGINX);
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (address && typeof address === 'object' ? resolve(address.port) : reject()));
    });
  });
}

/** nginx serving `body` as HTML at every address. */
export async function startNginx(body: Buffer): Promise<Nginx> {
  const prefix = mkdtempSync(join(tmpdir(), 'quire-nginx-'));
  // nginx's workers run as nobody when it is started as root: they must be able to read the page.
  chmodSync(prefix, 0o755);
  mkdirSync(join(prefix, 'root'));
  writeFileSync(join(prefix, 'root', 'page.html'), body);
  const port = await freePort();
  const config = join(prefix, 'nginx.conf');
  writeFileSync(
    config,
    `worker_processes auto;
pid ${prefix}/nginx.pid;
error_log ${prefix}/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path ${prefix}/body;
  proxy_temp_path ${prefix}/proxy;
  fastcgi_temp_path ${prefix}/fastcgi;
  uwsgi_temp_path ${prefix}/uwsgi;
  scgi_temp_path ${prefix}/scgi;
  server {
    listen 127.0.0.1:${port};
    root ${prefix}/root;
    location / { default_type text/html; try_files /page.html =404; }
  }
}
`,
  );
  execFileSync(NGINX, ['-t', '-q', '-p', prefix, '-c', config], { stdio: 'inherit' });
  const child: ChildProcess = spawn(NGINX, ['-p', prefix, '-c', config, '-g', 'daemon off;'], {
    stdio: 'inherit',
  });
  const origin = `http://127.0.0.1:${port}`;
  for (let tries = 0; ; tries++) {
    try {
      if ((await fetch(origin)).ok) break;
    } catch (error) {
      if (tries > 50 || child.exitCode !== null) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  return {
    origin,
    async stop() {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      // SIGQUIT: nginx's graceful stop, its workers with it.
      child.kill('SIGQUIT');
      await exited;
      rmSync(prefix, { recursive: true, force: true });
    },
  };
}
