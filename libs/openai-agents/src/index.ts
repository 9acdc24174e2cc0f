// @crystalyse/openai-agents-session: the OpenAI Agents SDK's Session on Crystalyse Sessions.
export { CrystalyseAgentSession } from './crystalyse-agent-session.js';
