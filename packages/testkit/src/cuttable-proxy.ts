import net from 'node:net';

/**
 * A TCP proxy in front of Postgres that a test can cut: `cut()` closes every connection through
 * it and refuses new ones (as a crashed or unreachable primary would), `restore()` lets
 * connections through again. `hold()` stops forwarding without closing anything, so a statement
 * sent meanwhile is still unanswered when the connection is cut.
 */
export class CuttableProxy {
  private readonly open = new Set<net.Socket>();
  private down = false;

  private constructor(
    private readonly server: net.Server,
    readonly port: number,
  ) {}

  static async start(upstreamPort: number): Promise<CuttableProxy> {
    const server = net.createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const proxy = new CuttableProxy(server, (server.address() as net.AddressInfo).port);
    server.on('connection', (client) => proxy.connect(client, upstreamPort));
    return proxy;
  }

  private connect(client: net.Socket, upstreamPort: number): void {
    if (this.down) return void client.destroy();
    const upstream = net.connect(upstreamPort, '127.0.0.1');
    for (const [socket, other] of [
      [client, upstream],
      [upstream, client],
    ] as const) {
      this.open.add(socket);
      socket.on('error', () => socket.destroy());
      socket.on('close', () => {
        this.open.delete(socket);
        other.destroy();
      });
    }
    client.pipe(upstream);
    upstream.pipe(client);
  }

  /** Stops forwarding on the open connections (until `cut()` closes them). */
  hold(): void {
    for (const socket of this.open) {
      socket.unpipe();
      socket.pause();
    }
  }

  cut(): void {
    this.down = true;
    for (const socket of this.open) socket.destroy();
  }

  restore(): void {
    this.down = false;
  }

  async stop(): Promise<void> {
    this.cut();
    await new Promise((resolve) => this.server.close(resolve));
  }
}
