export * from './persistence.module';
export * from './read-model';
