// Sizes of a weapp build: the main package (everything outside subpackage roots) and each subpackage.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

function files(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

export function weappPackageSizes(dist) {
  const app = JSON.parse(readFileSync(join(dist, 'app.json'), 'utf8'));
  const roots = (app.subPackages ?? app.subpackages ?? []).map((p) => p.root.replace(/\/$/, ''));
  const sizes = { main: 0, subpackages: Object.fromEntries(roots.map((r) => [r, 0])) };
  for (const file of files(dist)) {
    const path = relative(dist, file).split(sep).join('/');
    if (path.endsWith('.map')) continue;
    const root = roots.find((r) => path.startsWith(`${r}/`));
    if (root) sizes.subpackages[root] += statSync(file).size;
    else sizes.main += statSync(file).size;
  }
  return sizes;
}
