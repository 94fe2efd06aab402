// `npm run build`: a static site; only dist/ leaves the builder stage.
const fs = require('node:fs');
const bytes = require('bytes');

fs.mkdirSync('dist', { recursive: true });
fs.writeFileSync('dist/index.html', `<p>A megabyte is ${bytes('1MB')} bytes.</p>\n`);
console.log('wrote dist/index.html');
