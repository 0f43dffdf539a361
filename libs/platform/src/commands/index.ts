export * from './event-sourced-streams';
export * from './command-input';
export * from './command-route';
