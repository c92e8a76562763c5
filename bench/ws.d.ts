// `ws` is installed (a dependency of @nestjs/graphql) but @types/ws is not; the bench only hands the
// constructor to graphql-ws's client as `webSocketImpl` (as test/support/ws.d.ts does for the tests).
declare module 'ws' {
  const WebSocket: unknown;
  export default WebSocket;
}
