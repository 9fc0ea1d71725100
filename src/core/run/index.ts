export * from './warehouse';
