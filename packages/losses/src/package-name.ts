/** The npm package that registers this package's plugins (named in duplicate-registration errors). */
export const PACKAGE_NAME = '@vidseg/losses';
