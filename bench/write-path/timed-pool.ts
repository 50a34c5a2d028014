import pg from 'pg';

/** A short label for a statement: its verb and first table, or the whole text when short. */
function labelOf(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= 12) return flat.toLowerCase();
  const verb = flat.split(' ')[0]?.toLowerCase() ?? '';
  // The statement's own table: a SELECT's last FROM (subqueries in its select list come first), else the first named.
  const froms = verb === 'select' ? [...flat.matchAll(/from "wallet"\."(\w+)"/gi)] : [];
  const table = froms.at(-1) ?? /"wallet"\."(\w+)"|wallet\.(\w+)/i.exec(flat);
  const target = table?.[1] ?? table?.[2] ?? '';
  return flat.toLowerCase().startsWith('with') ? `with … ${target}` : `${verb} ${target}`;
}

/** A pool that times every statement's round trip at the client, by statement kind. */
export function timedPool(url: string) {
  const pool = new pg.Pool({ connectionString: url, max: 2 });
  let totals = new Map<string, { ms: number; count: number }>();
  pool.on('connect', (client) => {
    const original = client.query.bind(client) as (...args: unknown[]) => Promise<unknown>;
    // pg's query has many overloads; timing wraps them all without changing behaviour.
    (client as unknown as { query: (...args: unknown[]) => unknown }).query = async (...args: unknown[]) => {
      const first = args[0];
      const text = typeof first === 'string' ? first : ((first as { text?: string } | undefined)?.text ?? '');
      const start = performance.now();
      try {
        return await original(...args);
      } finally {
        const label = labelOf(text);
        const t = totals.get(label) ?? { ms: 0, count: 0 };
        totals.set(label, { ms: t.ms + performance.now() - start, count: t.count + 1 });
      }
    };
  });
  return {
    pool,
    reset: () => {
      totals = new Map();
    },
    /** Per send: the time each statement kind's round trips took, and how many a send makes. */
    byStatement: (sends: number) => [...totals].map(([label, t]) => ({ label, msPerSend: t.ms / sends, perSend: t.count / sends })),
  };
}
