import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { dirname, join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

interface PackageJson {
  readonly name: string;
  readonly dependencies?: Record<string, string>;
  readonly optionalDependencies?: Record<string, string>;
  readonly peerDependencies?: Record<string, string>;
  readonly peerDependenciesMeta?: Record<string, { optional?: boolean }>;
}

const readPackageJson = (dir: string): PackageJson => JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as PackageJson;

/** The folder Node would load package `name` from, looking up from `fromDir` (undefined when not installed). */
function findPackage(name: string, fromDir: string): string | undefined {
  for (let dir = fromDir; ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', name);
    if (existsSync(join(candidate, 'package.json'))) return realpathSync(candidate);
    if (dirname(dir) === dir) return undefined;
  }
}

/**
 * Names of every package an install of the package in `packageDir` brings in: its dependencies,
 * optional dependencies (when installed) and required peer dependencies, transitively. Dev
 * dependencies are not part of it (a user's install never has them).
 */
export function installedDependencyClosure(packageDir: string): Set<string> {
  const names = new Set<string>();
  const visit = (dir: string) => {
    const pkg = readPackageJson(dir);
    const optionalPeers = new Set(Object.entries(pkg.peerDependenciesMeta ?? {}).filter(([, meta]) => meta.optional).map(([name]) => name));
    const required = [...Object.keys(pkg.dependencies ?? {}), ...Object.keys(pkg.peerDependencies ?? {}).filter((name) => !optionalPeers.has(name))];
    const edges = [...required.map((name) => ({ name, optional: false })), ...Object.keys(pkg.optionalDependencies ?? {}).map((name) => ({ name, optional: true }))];
    for (const { name, optional } of edges) {
      if (names.has(name)) continue;
      const found = findPackage(name, dir);
      if (!found) {
        if (optional) continue;
        throw new Error(`${pkg.name} depends on ${name}, which is not installed`);
      }
      names.add(name);
      visit(found);
    }
  };
  visit(packageDir);
  return names;
}

/**
 * The package each loaded module file belongs to: the innermost `node_modules/<name>` of its path,
 * `@vidseg/<x>` for files of the workspace's `packages/<x>`, `node:` for built-ins.
 */
export function packagesOfModules(files: readonly string[], repoRoot: string): Set<string> {
  const packages = new Set<string>();
  const workspacePackages = join(repoRoot, 'packages') + sep;
  const modulesFolder = `${sep}node_modules${sep}`;
  for (const entry of files) {
    if (entry.startsWith('node:')) {
      packages.add('node:');
      continue;
    }
    const file = entry.startsWith('file:') ? fileURLToPath(entry) : entry;
    const inModules = file.lastIndexOf(modulesFolder);
    if (inModules >= 0) {
      const [scope, name] = file.slice(inModules + modulesFolder.length).split(sep);
      packages.add(scope!.startsWith('@') ? `${scope}/${name}` : scope!);
    } else if (file.startsWith(workspacePackages)) {
      packages.add(`@vidseg/${file.slice(workspacePackages.length).split(sep)[0]}`);
    } else {
      packages.add(file);
    }
  }
  return packages;
}
