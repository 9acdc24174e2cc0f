import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length } from 'class-validator';

export class CreateUserDto {
  @ApiProperty({ example: 'Ada Researcher' })
  @IsString()
  @Length(1, 100)
  name!: string;

  @ApiPropertyOptional({ enum: ['admin', 'member'], default: 'member' })
  @IsOptional()
  @IsIn(['admin', 'member'])
  role?: 'admin' | 'member';
}

export class IssueKeyDto {
  @ApiPropertyOptional({ example: 'laptop' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  label?: string;

  @ApiPropertyOptional({ example: 'new laptop', description: 'Why: kept with the ApiKeyIssued event' })
  @IsOptional()
  @IsString()
  @Length(1, 500)
  reason?: string;
}

/** `DELETE /users/:id/keys/:keyId` takes the reason in its body or as `?reason=`. */
export class RevokeKeyDto {
  @ApiPropertyOptional({ example: 'laptop stolen', description: 'Why: kept with the ApiKeyRevoked event' })
  @IsOptional()
  @IsString()
  @Length(1, 500)
  reason?: string;
}
