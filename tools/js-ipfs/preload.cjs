// Loaded with NODE_OPTIONS=--require before js-ipfs starts. Some of js-ipfs 0.66.1's dependencies
// call Promise.withResolvers, which Node 22 added; on Node 20 the daemon dies without it.
'use strict';
if (typeof Promise.withResolvers !== 'function') {
  Object.defineProperty(Promise, 'withResolvers', {
    configurable: true,
    writable: true,
    value: function withResolvers() {
      let resolve;
      let reject;
      const promise = new this((res, rej) => {
        resolve = res;
        reject = rej;
      });
      return { promise, resolve, reject };
    },
  });
}
