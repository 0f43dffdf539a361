export * from './event-sourced-streams';
export * from './command-input';
export * from './command-route';
export * from './settings-streams';
export * from './year-settings-routes';
