/** The store's public face: typed repositories and the lease statements. */
export { createDb, writeTransaction, dialectOf, type Db, type Tx, type Dialect } from './db.js';
export { migrateLatest } from './migrate.js';
export * from './rows.js';
export * from './shipments-repo.js';
export * from './boxes-repo.js';
export * from './attempts-repo.js';
export * from './api-calls-repo.js';
export * from './tracking-repo.js';
export * from './timers-repo.js';
export * from './effects-repo.js';
