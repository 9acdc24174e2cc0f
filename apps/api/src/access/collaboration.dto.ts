// Request bodies of members, comments and share links, validated by class-validator (400 naming
// the field). They run after the access guard: a caller without the permission never learns
// what a valid body would be.
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsDefined, IsIn, IsInt, IsObject, IsOptional, IsString, Length, Matches, Max, Min, ValidateNested } from 'class-validator';
import { COMMENT_CHARS, ID_PATTERN, LINK_PERMISSIONS, PERMISSIONS, type LinkPermission, type Permission } from '@crystalyse/domain';

export class SetMemberDto {
  @ApiProperty({ enum: PERMISSIONS, isArray: true, example: ['read', 'write', 'add_materials'], description: '`read` is always granted with the rest' })
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(12) @IsIn(PERMISSIONS, { each: true })
  permissions!: Permission[];

  @ApiPropertyOptional({ example: 'joined the cathode team' }) @IsOptional() @IsString() @Length(1, 500) reason?: string;
}

/** `DELETE` takes the reason in its body or as `?reason=`. */
export class ReasonDto {
  @ApiPropertyOptional({ example: 'left the project' }) @IsOptional() @IsString() @Length(1, 500) reason?: string;
}

export class CommentTargetDto {
  @ApiPropertyOptional({ description: 'A turn: the queryId of a question' }) @IsOptional() @IsString() @Matches(ID_PATTERN) turnId?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Matches(ID_PATTERN) discoveryId?: string;
}

export class CommentDto {
  @ApiProperty({ type: CommentTargetDto, example: { turnId: 'q1' }, description: 'Exactly one of turnId and discoveryId' })
  @IsDefined() @IsObject() @ValidateNested() @Type(() => CommentTargetDto)
  on!: CommentTargetDto;

  @ApiProperty({ example: 'Check the voltage against the 2019 measurement' }) @IsString() @Length(1, COMMENT_CHARS) text!: string;
}

export class CreateShareLinkDto {
  @ApiProperty({ enum: LINK_PERMISSIONS, example: 'read' }) @IsIn(LINK_PERMISSIONS) permissions!: LinkPermission;
  @ApiProperty({ example: 7, minimum: 1, maximum: 365 }) @IsInt() @Min(1) @Max(365) expiresInDays!: number;
}

export class SharedHistoryQuery {
  @ApiPropertyOptional({ default: 50, maximum: 500 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500) last?: number;
}
