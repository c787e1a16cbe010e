// The CLI's version, as package.json states it (a test keeps the two equal).
/** The version `dabiao --version` prints. */
export const VERSION = "0.1.0";
