export * from './service-config';
export * from './project-root';
