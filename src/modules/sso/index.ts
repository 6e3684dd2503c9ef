// What other modules and the server may use from single sign-on. A module's own files never import this file.
export { registerSso } from './routes.ts';
export { ssoJobs } from './jobs.ts';
export { seedDemoSso } from './demo.ts';
export { continueToContextHandlerLogout } from './saml/continue-logout.ts';
export { startDemoIdps } from './dev-idps/start-demo.ts';
