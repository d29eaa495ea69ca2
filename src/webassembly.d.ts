// The part of the WebAssembly JavaScript API that Peerline uses (compiling PGlite's module ahead).
// TypeScript declares it only in its DOM libraries, which a server does not load.
declare namespace WebAssembly {
  const moduleBrand: unique symbol;
  /** A compiled module, opaque here (branded, so no promise or byte array passes for one). */
  interface Module {
    readonly [moduleBrand]: true;
  }
  function compile(bytes: Uint8Array): Promise<Module>;
}
