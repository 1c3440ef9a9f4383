/**
 * Subject of a request/reply query between services (NestJS NATS transport, @MessagePattern).
 * Read when the decorator runs, so a process's HIGHLAND_NAMESPACE applies, as it does to streams.
 */
export function rpcSubject(name: string, env: NodeJS.ProcessEnv = process.env): string {
  const ns = env.HIGHLAND_NAMESPACE;
  return ns ? `${ns}.rpc.${name}` : `rpc.${name}`;
}
