import { createRequire } from 'node:module';

/** Finds and loads optional packages; injected so the backend choice can be tested without them. */
export interface ModuleLoader {
  /** Whether `specifier` is installed where this package can import it (nothing is loaded). */
  isInstalled(specifier: string): boolean;
  /** Imports `specifier`. */
  load(specifier: string): Promise<unknown>;
}

const require = createRequire(import.meta.url);

/** The loader of the running Node process: resolution from this package, dynamic `import()`. */
export const nodeModuleLoader: ModuleLoader = {
  isInstalled(specifier) {
    try {
      require.resolve(specifier);
      return true;
    } catch (error) {
      // An ESM-only package without a `require` export is installed all the same.
      return (error as { code?: string }).code === 'ERR_PACKAGE_PATH_NOT_EXPORTED';
    }
  },
  load: (specifier) => import(specifier),
};
