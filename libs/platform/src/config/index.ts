export * from './service-config';
export * from './project-root';
export * from './demo-clock';
export * from './security-config';
