// What other modules may use from operations: its routes, which src/modules/index.ts registers.
export { registerOperations } from './routes.tsx';
