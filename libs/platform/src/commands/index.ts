export * from './event-sourced-streams';
export * from './command-input';
export * from './command-route';
export * from './settings-streams';
