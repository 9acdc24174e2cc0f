// Electronic signatures over HTTP. Which permission each route needs is said in one place
// (signature-permissions.ts); the passphrase never appears in a response, an event or a log.
import { Body, Controller, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Ctx, type RequestContext } from '../http/request-context.js';
import { SignDto, SigningPassphraseDto } from './signatures.dto.js';
import { SigningService } from './signing.service.js';
import { Requires } from '../access/requires.js';

@ApiTags('signatures and audit')
@ApiBearerAuth()
@Controller()
export class SignaturesController {
  constructor(private readonly signing: SigningService) {}

  @Put('me/signing-passphrase')
  @HttpCode(200)
  @ApiOperation({ summary: 'Set (or change, with currentPassphrase) your signing passphrase; only a slow hash is kept' })
  setPassphrase(@Ctx() ctx: RequestContext, @Body() body: SigningPassphraseDto) {
    return this.signing.setPassphrase(ctx, body.passphrase, body.currentPassphrase);
  }

  @Post('sessions/:id/signatures')
  @Requires('sign')
  @ApiOperation({ summary: 'Sign a checkpoint or a discovery (authored, reviewed, approved); five wrong passphrases in a row lock signing for 15 minutes' })
  sign(@Ctx() ctx: RequestContext, @Param('id') id: string, @Body() body: SignDto) {
    return this.signing.sign(ctx, id, body);
  }

  @Get('sessions/:id/signatures')
  @Requires('readSession')
  @ApiOperation({ summary: 'The signatures, each valid while its target is still what was signed' })
  list(@Ctx() ctx: RequestContext, @Param('id') id: string) {
    return this.signing.list(ctx.user.userId, id);
  }
}
