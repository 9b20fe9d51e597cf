// The SSH edge: one verified connection per node (ssh2), commands with streamed output, and
// reconnection when the connection drops. Host keys are checked against a trust list learnt out
// of band (console output or known_hosts): an unknown key is refused, never accepted on first use.
import { createConnection } from 'node:net';
import { Client, type ClientChannel, type ServerHostKeyAlgorithm } from 'ssh2';
import { EXIT, UserError } from '../../core/errors.ts';
import { hostKeyAlgorithms, hostKeyTrusted, sha256Fingerprint, type HostTrust, type TrustedKey } from '../../core/run/host-keys.ts';

export interface SshTarget {
  /** Node name for messages (controller, subnode-1). */
  name: string;
  host: string;
  port: number;
  username: string;
  privateKey: Buffer | string;
  trust: HostTrust;
  revoked?: TrustedKey[];
  /** Where the trust came from, for messages: "console output of controller", a known_hosts path. */
  trustSource: string;
  /** Handshake timeout. */
  connectTimeoutMs?: number;
  /** Keepalive period; the connection counts as dropped after `keepaliveCountMax` missed replies. */
  keepaliveMs?: number;
  keepaliveCountMax?: number;
  /**
   * Reach this node through another one (ssh -J): subnodes on the cloud's private network are
   * reached through the controller's connection (a direct-tcpip channel). The host key is still
   * this node's own, verified the same way.
   */
  jump?: SshNode | undefined;
  /** Run after every (re)connection, e.g. to set up port forwards again. */
  afterConnect?: ((node: SshNode) => Promise<void>) | undefined;
}

/** The connection went away while a command ran: the caller may reconnect and recover. */
export class ConnectionLost extends Error {
  constructor(node: string, detail: string) {
    super(`SSH connection to ${node} dropped: ${detail}`);
    this.name = 'ConnectionLost';
  }
}

/** The node's host key is not one we trust (or we trust none): never retried. */
export class HostKeyRejected extends UserError {
  constructor(message: string) {
    super(message, { exitCode: EXIT.infra });
  }
}

export class CommandTimeout extends Error {
  readonly seconds: number;
  constructor(node: string, seconds: number) {
    super(`command on ${node} timed out after ${seconds}s`);
    this.name = 'CommandTimeout';
    this.seconds = seconds;
  }
}

export class CommandAborted extends Error {
  constructor(node: string) {
    super(`command on ${node} cancelled`);
    this.name = 'CommandAborted';
  }
}

export interface ExecOptions {
  /** Bytes written to the command's stdin (then closed). */
  stdin?: Uint8Array | string;
  /** Receives stdout as it arrives; stdout is then not buffered in the result. */
  onStdout?: (chunk: Buffer) => void;
  timeoutMs?: number;
  signal?: AbortSignal;
}

export interface ExecResult {
  /** Exit status, or null when the command died of a signal or the channel closed without one. */
  code: number | null;
  signal: string | null;
  stdout: Buffer;
  stderr: Buffer;
}

/** What the runner needs of a node: commands with streamed output, and a way back after a drop. */
export interface RemoteShell {
  readonly target: { name: string };
  readonly connected: boolean;
  exec(command: string, options?: ExecOptions): Promise<ExecResult>;
  reconnect(options: { deadlineMs: number; signal?: AbortSignal }): Promise<void>;
  dispose(): void;
}

export class SshNode implements RemoteShell {
  readonly target: SshTarget;
  private client: Client | null = null;
  private lostReason: string | null = null;
  private readonly channels = new Set<(reason: string) => void>();
  /** Fingerprint of the key the server presented last (for messages). */
  presentedKey: string | null = null;

  constructor(target: SshTarget) {
    this.target = target;
  }

  get connected(): boolean {
    return this.client !== null && this.lostReason === null;
  }

  /** Open the connection, verifying the host key. Rejects with an infrastructure UserError. */
  async connect(): Promise<void> {
    const t = this.target;
    const offered = hostKeyAlgorithms(t.trust);
    if (offered.length === 0) {
      throw new HostKeyRejected(`no trusted host key for ${t.name} (${t.host}) from ${t.trustSource}: refusing to connect`);
    }
    let sock: ClientChannel | undefined;
    if (t.jump) {
      // The jump host reconnects on its own (whoever uses it); until then this is a retryable fault.
      if (!t.jump.connected) throw new ConnectionLost(t.jump.target.name, `needed to reach ${t.name}, and not connected`);
      sock = await t.jump.openTunnel(t.host, t.port);
    }
    const client = new Client();
    let rejectedKey: string | null = null;
    await new Promise<void>((resolve, reject) => {
      const onError = (err: Error): void => {
        client.removeListener('ready', onReady);
        client.end();
        if (rejectedKey !== null) {
          reject(
            new HostKeyRejected(
              `host key of ${t.name} (${t.host}:${t.port}) is ${rejectedKey}, which matches none of the ${t.trust.keys.length + t.trust.fingerprints.length} trusted keys from ${t.trustSource}: refusing to connect`,
            ),
          );
        } else reject(new UserError(`cannot connect to ${t.name} (${t.host}:${t.port}): ${err.message}`, { exitCode: EXIT.infra, cause: err }));
      };
      const onReady = (): void => {
        client.removeListener('error', onError);
        resolve();
      };
      client.once('ready', onReady);
      client.once('error', onError);
      client.connect({
        host: t.host,
        port: t.port,
        username: t.username,
        privateKey: t.privateKey,
        ...(sock ? { sock } : {}),
        readyTimeout: t.connectTimeoutMs ?? 20_000,
        keepaliveInterval: t.keepaliveMs ?? 5_000,
        keepaliveCountMax: t.keepaliveCountMax ?? 3,
        algorithms: { serverHostKey: offered as ServerHostKeyAlgorithm[] },
        hostVerifier: (key: Buffer): boolean => {
          this.presentedKey = sha256Fingerprint(key);
          const ok = hostKeyTrusted(t.trust, key, t.revoked ?? []);
          if (!ok) rejectedKey = this.presentedKey;
          return ok;
        },
      });
    });
    this.client = client;
    this.lostReason = null;
    const lost = (reason: string): void => {
      if (this.client !== client || this.lostReason !== null) return;
      this.lostReason = reason;
      for (const fail of [...this.channels]) fail(reason);
    };
    client.on('error', (err: Error) => lost(err.message));
    client.on('close', () => lost('connection closed'));
    client.on('end', () => lost('connection ended'));
    if (t.afterConnect) await t.afterConnect(this);
  }

  /**
   * Connect again after a drop, retrying with backoff until `deadlineMs` (epoch ms) passes.
   * A host key that stops matching is not retried: that is not a network fault.
   */
  async reconnect(options: { deadlineMs: number; signal?: AbortSignal }): Promise<void> {
    this.dispose();
    let delay = 250;
    for (;;) {
      if (options.signal?.aborted) throw new CommandAborted(this.target.name);
      try {
        await this.connect();
        return;
      } catch (err) {
        if (err instanceof HostKeyRejected) throw err;
        if (Date.now() + delay > options.deadlineMs) throw err;
      }
      await new Promise((r) => setTimeout(r, delay));
      delay = Math.min(delay * 2, 4_000);
    }
  }

  /** Run one command. Rejects with ConnectionLost, CommandTimeout or CommandAborted. */
  exec(command: string, options: ExecOptions = {}): Promise<ExecResult> {
    const client = this.client;
    const name = this.target.name;
    if (client === null || this.lostReason !== null) return Promise.reject(new ConnectionLost(name, this.lostReason ?? 'not connected'));
    return new Promise<ExecResult>((resolve, reject) => {
      const out: Buffer[] = [];
      const err: Buffer[] = [];
      let channel: ClientChannel | null = null;
      let settled = false;
      let timer: NodeJS.Timeout | undefined;
      const finish = (fn: () => void): void => {
        if (settled) return;
        settled = true;
        if (timer) clearTimeout(timer);
        this.channels.delete(onLost);
        options.signal?.removeEventListener('abort', onAbort);
        fn();
      };
      const onLost = (reason: string): void => finish(() => reject(new ConnectionLost(name, reason)));
      const onAbort = (): void => {
        channel?.close();
        finish(() => reject(new CommandAborted(name)));
      };
      if (options.signal?.aborted) return onAbort();
      this.channels.add(onLost);
      options.signal?.addEventListener('abort', onAbort, { once: true });
      if (options.timeoutMs !== undefined) {
        timer = setTimeout(() => {
          channel?.close();
          finish(() => reject(new CommandTimeout(name, Math.round((options.timeoutMs ?? 0) / 1000))));
        }, options.timeoutMs);
      }
      client.exec(command, (e, ch) => {
        if (e) return finish(() => reject(new ConnectionLost(name, e.message)));
        channel = ch;
        if (settled) return void ch.close();
        let code: number | null = null;
        let sig: string | null = null;
        ch.on('exit', (c: number | null, s?: string) => {
          code = typeof c === 'number' ? c : null;
          sig = s ?? null;
        });
        ch.on('data', (chunk: Buffer) => (options.onStdout ? options.onStdout(chunk) : out.push(chunk)));
        ch.stderr.on('data', (chunk: Buffer) => err.push(chunk));
        ch.on('close', () => {
          // A channel closed by a dying connection is a drop, not an exit.
          if (this.lostReason !== null && code === null) return onLost(this.lostReason);
          finish(() => resolve({ code, signal: sig, stdout: Buffer.concat(out), stderr: Buffer.concat(err) }));
        });
        if (options.stdin !== undefined) ch.end(options.stdin);
        else ch.end();
      });
    });
  }

  /** A TCP stream from this node to `host:port` (what ssh -J uses). */
  openTunnel(host: string, port: number): Promise<ClientChannel> {
    const client = this.client;
    if (client === null || this.lostReason !== null) return Promise.reject(new ConnectionLost(this.target.name, this.lostReason ?? 'not connected'));
    return new Promise((resolve, reject) =>
      client.forwardOut('127.0.0.1', 0, host, port, (err, stream) =>
        err ? reject(new UserError(`cannot reach ${host}:${port} through ${this.target.name}: ${err.message}`, { exitCode: EXIT.infra })) : resolve(stream),
      ),
    );
  }

  /**
   * Make `remotePort` on the node's loopback reach `localPort` on ours (ssh -R): lets a node that
   * sits in its own network reach a service here (the tests' local cloud).
   */
  async forwardRemoteToLocal(remotePort: number, localHost: string, localPort: number): Promise<void> {
    const client = this.client;
    if (client === null) throw new ConnectionLost(this.target.name, 'not connected');
    await new Promise<void>((resolve, reject) => client.forwardIn('127.0.0.1', remotePort, (e) => (e ? reject(e) : resolve())));
    client.on('tcp connection', (info, accept) => {
      if (info.destPort !== remotePort) return;
      const remote = accept();
      const local = createConnection({ host: localHost, port: localPort });
      remote.pipe(local).pipe(remote);
      const close = (): void => {
        remote.destroy();
        local.destroy();
      };
      remote.on('error', close);
      local.on('error', close);
    });
  }

  /** Close the connection (idempotent). */
  dispose(): void {
    const c = this.client;
    this.client = null;
    if (c) {
      this.lostReason = 'closed by us';
      c.end();
    }
  }
}
