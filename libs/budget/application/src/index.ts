export * from './shared/tokens';
export * from './shared/problem-mappers';
export * from './shared/request-reader';
export * from './catalog/catalog-entries';
export * from './catalog/catalog.service';
export * from './budget-stream/budget-stream';
export * from './budget-application.module';
export * from './county/budget-overview.projection';
