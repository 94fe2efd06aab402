// `npm run build`: needs node_modules at build time, and dist/server.js needs it at run time.
// (bytes is not in Debian's global node folders, so it can only come from node_modules.)
const fs = require('node:fs');
const bytes = require('bytes');

fs.mkdirSync('dist', { recursive: true });
fs.writeFileSync(
  'dist/server.js',
  `const bytes = require('bytes');\nconsole.log('built with a limit of ${bytes('5MB')} bytes, that is ' + bytes(${bytes('5MB')}));\n`,
);
console.log('wrote dist/server.js');
