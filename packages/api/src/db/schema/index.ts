export * from './api-keys.ts';
export * from './audit-log.ts';
export * from './consultation-windows.ts';
export * from './organisations.ts';
export * from './users.ts';
