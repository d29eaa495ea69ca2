// The part of the WebAssembly JavaScript API that Peerline uses (compiling PGlite's module ahead).
// TypeScript declares it only in its DOM libraries, which a server does not load.
declare namespace WebAssembly {
  /** A compiled module, opaque here. */
  interface Module {
    readonly [Symbol.toStringTag]: string;
  }
  function compile(bytes: Uint8Array): Promise<Module>;
}
