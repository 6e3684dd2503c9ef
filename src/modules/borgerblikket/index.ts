// What other modules may use from Borgerblikket: nothing yet beyond its routes and demo, which
// src/modules/index.ts and demo.ts register.
export { registerBorgerblikket } from './routes.tsx';
