export * from './errors';
export * from './roles';
export * from './api';
export * from './validation';
