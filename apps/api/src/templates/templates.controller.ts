// Templates: save a session's configuration and starting work as a template (versions kept),
// list them, and create sessions from them with the parameters filled in. Names are their
// owner's: each user sees, saves and uses their own and the built-in ones, never learns another's.
import { Body, Controller, Get, Inject, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  BUILT_IN_TEMPLATES,
  findTemplateVersion,
  instantiateTemplate,
  initialTemplateState,
  legacyTemplateStream,
  templateContentFrom,
  templateDecider,
  templateStream,
  TEMPLATE_NAME_PATTERN,
  type TemplateEvent,
  type TemplateState,
} from '@crystalyse/domain';
import { TEMPLATES_COLLECTION, type DocumentStore, type TemplateDoc } from '@crystalyse/read-models';
import { commandContext, Ctx, type RequestContext } from '../http/request-context.js';
import { Clock } from '../infrastructure/clock.js';
import { CommandRunner } from '../infrastructure/command-runner.js';
import { ReadYourWrites } from '../infrastructure/read-your-writes.js';
import { DOCUMENT_STORE } from '../infrastructure/tokens.js';
import { SessionCommandBus } from '../sessions/session-command.bus.js';
import { SessionEvents } from '../sessions/session-events.service.js';
import { CreateFromTemplateDto, SaveTemplateDto } from './templates.dto.js';
import { Requires } from '../access/requires.js';

@ApiTags('templates')
@ApiBearerAuth()
@Controller()
export class TemplatesController {
  constructor(
    private readonly runner: CommandRunner,
    private readonly sessions: SessionEvents,
    private readonly commands: SessionCommandBus,
    private readonly clock: Clock,
    private readonly ryw: ReadYourWrites,
    @Inject(DOCUMENT_STORE) private readonly documents: DocumentStore,
  ) {}

  @Get('templates')
  @ApiOperation({ summary: 'Built-in templates and the caller\'s own' })
  async list(@Ctx() ctx: RequestContext) {
    await this.ryw.settle();
    const own = await this.documents.collection<TemplateDoc>(TEMPLATES_COLLECTION).find({ ownerId: ctx.user.userId }, { sort: { name: 1 } });
    const builtIn = Object.entries(BUILT_IN_TEMPLATES).map(([name, v]) => ({ name, builtIn: true, latestVersion: v.version, parameters: v.parameters }));
    return { items: [...builtIn, ...own.map((t) => ({ name: t.name, builtIn: false, latestVersion: t.latestVersion, parameters: t.parameters, versions: t.versions }))] };
  }

  @Get('templates/:name')
  @ApiOperation({ summary: 'A template\'s latest version, with its content' })
  async get(@Ctx() ctx: RequestContext, @Param('name') name: string) {
    return findTemplateVersion(name, (await this.own(ctx.user.userId, name)).state, ctx.user.userId);
  }

  @Post('templates')
  @Requires('templateFromSession', { body: 'fromSession' })
  @ApiOperation({ summary: 'Save a session as a template (again: a new version); marked values become {{parameters}}' })
  async save(@Ctx() ctx: RequestContext, @Body() body: SaveTemplateDto) {
    const { state } = await this.sessions.readableState(body.fromSession, ctx.user.userId);
    const { parameters, content } = templateContentFrom(state, body.parameters ?? {});
    const at = this.clock.now();
    const command = { type: 'SaveTemplate' as const, data: { actorId: ctx.user.userId, at, name: body.name, fromSessionId: body.fromSession, parameters, content } };
    const { streamId } = await this.own(ctx.user.userId, body.name);
    const result = await this.runner.run(streamId, templateDecider, command, { context: commandContext(ctx, at) });
    const latest = result.state.versions.at(-1)!;
    return { name: body.name, version: latest.version, parameters, revision: Number(result.nextExpectedRevision), position: result.position.toString(), replayed: result.replayed };
  }

  @Post('sessions/from-template')
  @ApiOperation({ summary: 'Create a session from a template with its parameters filled in' })
  async createFrom(@Ctx() ctx: RequestContext, @Body() body: CreateFromTemplateDto) {
    const template = findTemplateVersion(body.template, (await this.own(ctx.user.userId, body.template)).state, ctx.user.userId, body.version);
    const instance = instantiateTemplate(template, body.parameters ?? {});
    const id = this.commands.newId(ctx, 'session');
    const result = await this.commands.send(ctx, id, 'CreateSession', instance);
    return { ...result, name: instance.name, template: { name: template.name, version: template.version } };
  }

  /**
   * The caller's template of that name and its stream: their own stream, or the unscoped one of a
   * template they saved before names were scoped. Another user's is never looked at, so it can
   * neither show nor block anything. findTemplateVersion falls back to a built-in one.
   */
  private async own(userId: string, name: string): Promise<{ streamId: string; state: TemplateState }> {
    const streamId = templateStream(userId, name);
    // Not a name anyone could have saved; read nothing, since with a '-' it would name another stream.
    if (!TEMPLATE_NAME_PATTERN.test(name)) return { streamId, state: initialTemplateState() };
    const scoped = await this.load(streamId);
    if (scoped.exists) return { streamId, state: scoped };
    const legacy = await this.load(legacyTemplateStream(name));
    return legacy.exists && legacy.ownerId === userId ? { streamId: legacyTemplateStream(name), state: legacy } : { streamId, state: scoped };
  }

  private async load(streamId: string): Promise<TemplateState> {
    return (await this.runner.load<TemplateEvent, TemplateState>(streamId, templateDecider)).state;
  }
}
