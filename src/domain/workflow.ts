/**
 * The editorial workflow: stages, roles, actions and who may take them.
 *
 * Pure TypeScript with no Angular or Node imports, so that the dashboard and the
 * server import the very same rules and can never disagree about them. One module to
 * import from; the rules live by subject in the files below.
 */
export * from './workflow-vocabulary';
export * from './workflow-decision';
export * from './workflow-actions';
export * from './edit-rules';
