// autocannon ships no type declarations; load-worker.ts types the result it reads.
declare module 'autocannon' {
  function autocannon(options: Record<string, unknown>): Promise<unknown>;
  export default autocannon;
}
