export * from './html-to-pdf';
export * from './pdf-dates';
