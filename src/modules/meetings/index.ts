// What other modules may use from meetings: its routes, which src/modules/index.ts registers.
export { registerMeetings } from './routes.tsx';
