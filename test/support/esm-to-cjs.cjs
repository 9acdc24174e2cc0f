// Lets Jest (on Node 20) load the few ES-only packages that CommonJS dependencies require().
const { transformSync } = require('esbuild');
module.exports = {
  process(source, filename) {
    const { code, map } = transformSync(source, { format: 'cjs', loader: 'js', sourcefile: filename, sourcemap: 'inline' });
    return { code, map };
  },
};
