// The events and commands of a template stream (`template-{owner}-{name}`). A template is not a session:
// its commands name their actor and time but no session; `fromSessionId` says where it came from.
// Stored names: rename nothing, add new types instead.
import type { DomainEvent } from '@crystalyse/event-store';
import type { TemplateContent } from './template.state.js';

/** A new version; the first one creates the template. `content` holds the placeholders. */
export type TemplateSaved = DomainEvent<'TemplateSaved', {
  name: string;
  version: number;
  fromSessionId: string;
  savedBy: string;
  parameters: string[];
  content: TemplateContent;
  at: string;
}>;

export type TemplateEvent = TemplateSaved;
export type TemplateEventType = TemplateEvent['type'];

const EVENT_TYPES: Record<TemplateEventType, true> = { TemplateSaved: true };
export const TEMPLATE_EVENT_TYPES = Object.keys(EVENT_TYPES) as TemplateEventType[];

export interface TemplateCommandBase {
  actorId: string;
  at: string;
}

/** The application extracts `content` and `parameters` from the session with templateContentFrom. */
export type SaveTemplate = {
  type: 'SaveTemplate';
  data: TemplateCommandBase & { name: string; fromSessionId: string; parameters: string[]; content: TemplateContent };
};

export type TemplateCommand = SaveTemplate;
