export { registerElectionPages } from './elections.pages.js';
export { registerVotingPages } from './voting.pages.js';
export { registerResultPages } from './results.pages.js';
