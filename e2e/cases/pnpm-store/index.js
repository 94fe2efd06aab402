// Neither package is in Debian's global node folders, so they can only come from node_modules.
const bytes = require('bytes');
const isOdd = require('is-odd');

console.log(`isOdd(3) = ${isOdd(3)}, bytes(2048) = ${bytes(2048)}`);
