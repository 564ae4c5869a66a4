// autocannon ships no types; the little of it the load benchmark uses is typed in load-scenario.ts.
declare module 'autocannon' {
  const autocannon: (options: Record<string, unknown>) => Promise<any>;
  export default autocannon;
}
