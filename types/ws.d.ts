// `ws` is installed (a dependency of @nestjs/graphql) but @types/ws is not; the tests, the topology
// test and the benches only hand the constructor to graphql-ws's client as `webSocketImpl`.
declare module 'ws' {
  const WebSocket: unknown;
  export default WebSocket;
}
