// This machine as a runner "node": the same commands the runner sends over SSH, run by /bin/sh
// here (validate runs Tempest locally against an existing cloud).
import { spawn } from 'node:child_process';
import { CommandAborted, CommandTimeout, type ExecOptions, type ExecResult, type RemoteShell } from './ssh/client.ts';

export class LocalShell implements RemoteShell {
  readonly target: { name: string };
  readonly connected = true;
  private readonly env: NodeJS.ProcessEnv;

  constructor(options: { name?: string; env: NodeJS.ProcessEnv }) {
    this.target = { name: options.name ?? 'localhost' };
    this.env = options.env;
  }

  exec(command: string, options: ExecOptions = {}): Promise<ExecResult> {
    return new Promise((resolve, reject) => {
      const child = spawn('/bin/sh', ['-c', command], { env: this.env, stdio: ['pipe', 'pipe', 'pipe'] });
      const out: Buffer[] = [];
      const err: Buffer[] = [];
      let settled = false;
      let timer: NodeJS.Timeout | undefined;
      const finish = (fn: () => void): void => {
        if (settled) return;
        settled = true;
        if (timer) clearTimeout(timer);
        options.signal?.removeEventListener('abort', onAbort);
        fn();
      };
      const onAbort = (): void => {
        child.kill('SIGTERM');
        finish(() => reject(new CommandAborted(this.target.name)));
      };
      if (options.signal?.aborted) return onAbort();
      options.signal?.addEventListener('abort', onAbort, { once: true });
      if (options.timeoutMs !== undefined) {
        timer = setTimeout(() => {
          child.kill('SIGTERM');
          finish(() => reject(new CommandTimeout(this.target.name, Math.round((options.timeoutMs ?? 0) / 1000))));
        }, options.timeoutMs);
      }
      child.stdout.on('data', (c: Buffer) => (options.onStdout ? options.onStdout(c) : out.push(c)));
      child.stderr.on('data', (c: Buffer) => err.push(c));
      child.on('error', (e) => finish(() => reject(e)));
      child.on('close', (code, signal) => finish(() => resolve({ code, signal, stdout: Buffer.concat(out), stderr: Buffer.concat(err) })));
      child.stdin.on('error', () => {}); // a command that does not read its stdin
      child.stdin.end(options.stdin ?? '');
    });
  }

  async reconnect(): Promise<void> {}

  dispose(): void {}
}
