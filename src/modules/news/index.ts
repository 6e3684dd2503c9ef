// What other modules may use from news: for now only its routes, which src/modules/index.ts registers.
export { registerNews } from './routes.tsx';
