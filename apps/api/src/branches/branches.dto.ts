import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Length, Matches, Min, ValidateNested } from 'class-validator';

export class ForkFromDto {
  @ApiPropertyOptional({ description: 'A revision of the parent' }) @IsOptional() @IsInt() @Min(0) revision?: number;
  @ApiPropertyOptional({ description: 'A checkpoint of the parent' }) @IsOptional() @IsString() @Length(1, 100) checkpoint?: string;
}

export class CreateBranchDto {
  @ApiProperty({ example: 'explore_different_structure' }) @IsString() @Matches(/^[A-Za-z0-9_.-]{1,100}$/, { message: 'name must be 1 to 100 letters, digits or _.-' }) name!: string;
  @ApiPropertyOptional({ type: ForkFromDto, description: 'Where to fork: the head when absent' })
  @IsOptional() @ValidateNested() @Type(() => ForkFromDto) from?: ForkFromDto;
}

export const MERGE_STRATEGIES = ['merge', 'ours', 'theirs'] as const;

export class MergeBranchDto {
  @ApiPropertyOptional({ enum: MERGE_STRATEGIES, default: 'merge' }) @IsOptional() @IsIn(MERGE_STRATEGIES) strategy?: (typeof MERGE_STRATEGIES)[number];
  @ApiPropertyOptional({ example: 'the branch is the better line', description: 'Why (ours and theirs discard one side): kept with the BranchMerged event' })
  @IsOptional() @IsString() @Length(1, 500) reason?: string;
}

/** Why a branch is discarded: kept with its BranchDiscarded events. */
export class DiscardBranchDto {
  @ApiPropertyOptional({ example: 'dead end' }) @IsOptional() @IsString() @Length(1, 500) reason?: string;
}
