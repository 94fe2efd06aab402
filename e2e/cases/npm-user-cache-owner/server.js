// Neither package is in Debian's global node folders, so they can only come from node_modules.
const bytes = require('bytes');
const kleur = require('kleur');

kleur.enabled = false;
console.log(kleur.bold(`bytes(1048576) = ${bytes(1048576)}`));
