// What other modules may use from programmes: for now only its routes, which src/modules/index.ts registers.
export { registerProgrammes } from './routes.tsx';
