import net from 'node:net';

/**
 * A TCP proxy on a free loopback port standing in for a load balancer in front of several
 * gateways: each new connection goes to the first upstream that accepts it, and a connection
 * whose upstream dies is closed, so clients reconnect — and land on a live upstream.
 */
export class FailoverProxy {
  /** How many client connections each upstream port took, in order of arrival. */
  readonly routed: number[] = [];
  private readonly sockets = new Set<net.Socket>();

  private constructor(
    private readonly server: net.Server,
    readonly port: number,
  ) {}

  static async start(upstreams: () => readonly number[]): Promise<FailoverProxy> {
    const server = net.createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const proxy = new FailoverProxy(server, (server.address() as net.AddressInfo).port);
    server.on('connection', (client) => void proxy.route(client, upstreams()));
    return proxy;
  }

  private async route(client: net.Socket, upstreams: readonly number[]): Promise<void> {
    this.sockets.add(client);
    client.on('close', () => this.sockets.delete(client));
    client.on('error', () => client.destroy());
    client.pause();
    for (const port of upstreams) {
      const upstream = await dial(port);
      if (!upstream) continue;
      this.routed.push(port);
      this.sockets.add(upstream);
      upstream.on('close', () => {
        this.sockets.delete(upstream);
        client.destroy();
      });
      upstream.on('error', () => upstream.destroy());
      client.on('close', () => upstream.destroy());
      client.pipe(upstream);
      upstream.pipe(client);
      client.resume();
      return;
    }
    client.destroy();
  }

  get url(): string {
    return `ws://127.0.0.1:${this.port}/graphql`;
  }

  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise((resolve) => this.server.close(resolve));
  }
}

function dial(port: number): Promise<net.Socket | null> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => resolve(socket));
    socket.once('error', () => resolve(null));
  });
}
