export * from './errors';
export * from './roles';
export * from './api';
export * from './validation';
export * from './fields';
export * from './deadlines';
export * from './table-import';
export * from './campaigns';
