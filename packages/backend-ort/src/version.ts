/** The vidseg version written into exported models (kept equal to package.json by a test). */
export const VIDSEG_VERSION = '0.1.0';
