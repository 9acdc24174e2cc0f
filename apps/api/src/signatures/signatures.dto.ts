import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsObject, IsOptional, IsString, Length } from 'class-validator';
import { SIGNATURE_MEANINGS, type SignatureMeaning } from '@crystalyse/domain';

export const PASSPHRASE_LENGTH = { min: 10, max: 1024 } as const;

export class SigningPassphraseDto {
  @ApiProperty({ description: `The new signing passphrase (${PASSPHRASE_LENGTH.min} to ${PASSPHRASE_LENGTH.max} characters); only its scrypt hash is kept` })
  @IsString() @Length(PASSPHRASE_LENGTH.min, PASSPHRASE_LENGTH.max) passphrase!: string;

  @ApiPropertyOptional({ description: 'The current one, to change a passphrase already set (a wrong one counts as a failed signing attempt)' })
  @IsOptional() @IsString() @Length(1, PASSPHRASE_LENGTH.max) currentPassphrase?: string;
}

export class SignDto {
  @ApiProperty({ description: '{ "checkpoint": name } or { "discoveryId": id }', example: { discoveryId: 'd-1' } })
  @IsObject() target!: Record<string, unknown>;

  @ApiProperty({ enum: SIGNATURE_MEANINGS }) @IsIn(SIGNATURE_MEANINGS) meaning!: SignatureMeaning;

  @ApiProperty({ description: "The signer's signing passphrase" }) @IsString() @Length(1, PASSPHRASE_LENGTH.max) passphrase!: string;
}
