export * from './event-sourced-streams';
export * from './command-input';
