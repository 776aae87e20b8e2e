/** The package version, sent in the `User-Agent` header. A test keeps it equal to package.json. */
export const version = "1.3.0"
