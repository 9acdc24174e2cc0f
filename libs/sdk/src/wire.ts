// Names for the generated wire types (generated/openapi.ts, from the service's OpenAPI document):
// what the SDK sends is checked against what the service declares, so a renamed field or a new
// enum value on the server fails the SDK's type-check instead of a user's call.
import type { components, paths } from './generated/openapi.js';

export type WireSchemas = components['schemas'];
export type WirePaths = paths;

export type CreateSessionBody = WireSchemas['CreateSessionDto'];
export type AddContextBody = WireSchemas['AddContextDto'];
export type QueryBody = WireSchemas['QueryDto'];
export type CreateBranchBody = WireSchemas['CreateBranchDto'];
export type MergeBranchBody = WireSchemas['MergeBranchDto'];
export type SaveTemplateBody = WireSchemas['SaveTemplateDto'];
export type CreateFromTemplateBody = WireSchemas['CreateFromTemplateDto'];
