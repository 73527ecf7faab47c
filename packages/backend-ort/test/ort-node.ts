import { OrtNodeRuntime } from '../src/runtime/ort-node-runtime.js';

/**
 * Whether onnxruntime-node (an optional dependency) loads here, for the tests that compare with it
 * or expect it to be preferred, and the text a test title ends with when its checks are left out
 * (empty when installed, else starting with a space). In CI (CI=true) `npm ci` installs it, so
 * there its absence is an error, not a skip.
 */
export async function requireOrtNode(): Promise<{ installed: boolean; skipReason: string }> {
  if (await new OrtNodeRuntime().isAvailable()) return { installed: true, skipReason: '' };
  if (process.env.CI === 'true') {
    throw new Error('onnxruntime-node does not load on this CI machine: `npm ci` installs it (optional dependency of @vidseg/backend-ort), and its tests must run in CI');
  }
  return { installed: false, skipReason: ' (onnxruntime-node checks skipped: not installed here)' };
}
