/** Injection tokens of the api's HTTP plumbing (kept apart from app.module to avoid an import cycle). */
export const APP_CONFIG = Symbol('APP_CONFIG');
