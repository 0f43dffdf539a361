export * from './contract';
export * from './body-schema';
export * from './schema-registry';
export * from './openapi-document';
