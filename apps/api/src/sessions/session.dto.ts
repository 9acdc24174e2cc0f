// Request bodies and query strings, validated by class-validator (400 naming the field).
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ValidateIf, IsArray, IsBoolean, IsDefined, IsIn, IsInt, IsNumber, IsObject, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';
import { CONTEXT_KINDS, SESSION_STATUSES, SESSION_TYPES, type ContextKind, type JsonObject, type JsonValue, type SessionStatus, type SessionType } from '@crystalyse/domain';

export class CreateSessionDto {
  @ApiProperty({ example: 'battery_materials_project' }) @IsString() @Length(1, 200) name!: string;
  @ApiPropertyOptional({ enum: SESSION_TYPES, default: 'interactive' }) @IsOptional() @IsIn(SESSION_TYPES) type?: SessionType;
  @ApiPropertyOptional({ example: { project: 'cathode_materials_discovery', phase: 'structure_optimization' } })
  @IsOptional() @IsObject() metadata?: JsonObject;
  @ApiPropertyOptional({ example: { memory_enabled: true, discovery_detection: true, context_window: 4000 } })
  @IsOptional() @IsObject() config?: JsonObject;
}

export class UpdateSessionDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 200) name?: string;
  @ApiPropertyOptional({ description: 'Keys to set (others stay)' }) @IsOptional() @IsObject() metadata?: JsonObject;
  @ApiPropertyOptional({ description: 'Metadata keys to remove' }) @IsOptional() @IsArray() @IsString({ each: true }) removeMetadata?: string[];
}

export class LifecycleDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 500) reason?: string;
}

export class ListSessionsQuery {
  @ApiPropertyOptional() @IsOptional() @IsString() userId?: string;
  @ApiPropertyOptional({ enum: SESSION_STATUSES }) @IsOptional() @IsIn(SESSION_STATUSES) status?: SessionStatus;
  @ApiPropertyOptional() @IsOptional() @IsString() project?: string;
  @ApiPropertyOptional({ enum: SESSION_TYPES }) @IsOptional() @IsIn(SESSION_TYPES) type?: SessionType;
  @ApiPropertyOptional({ default: 20 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200) limit?: number;
  @ApiPropertyOptional() @IsOptional() @IsString() cursor?: string;
}

export class SearchSessionsQuery {
  @ApiProperty({ example: 'olivine structure analysis' }) @IsString() @Length(1, 500) q!: string;
  @ApiPropertyOptional() @IsOptional() @IsString() userId?: string;
  @ApiPropertyOptional({ default: 20 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100) limit?: number;
}

export class AddContextDto {
  @ApiProperty({ example: 'important_finding' }) @IsString() @Length(1, 200) key!: string;
  @ApiProperty({ example: 'This crystal structure shows enhanced stability', nullable: true }) @ValidateIf((_, v) => v !== null) @IsDefined() value!: JsonValue;
  @ApiPropertyOptional({ enum: CONTEXT_KINDS, default: 'custom' }) @IsOptional() @IsIn(CONTEXT_KINDS) kind?: ContextKind;
}

export class ClearContextQuery {
  @ApiPropertyOptional({ enum: CONTEXT_KINDS }) @IsOptional() @IsIn(CONTEXT_KINDS) kind?: ContextKind;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 200) key?: string;
}

export class ContextConfigDto {
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(1) @Max(10000) maxHistory?: number;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(0) @Max(1000) materialMemory?: number;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() autoSummarise?: boolean;
  @ApiPropertyOptional() @IsOptional() @IsNumber() @Min(0) @Max(1) relevanceThreshold?: number;
}

export class FocusDto {
  @ApiProperty({ nullable: true, example: 'olivine cathodes' }) @IsOptional() @IsString() @Length(1, 500) focus!: string | null;
}

export class HypothesisDto {
  @ApiProperty({ example: 'Mn substitution raises the voltage' }) @IsString() @Length(1, 2000) statement!: string;
}

export class TaskDto {
  @ApiProperty({ example: 'Compare LiMnPO4 conductivity' }) @IsString() @Length(1, 500) title!: string;
}

export class CheckpointDto {
  @ApiProperty({ example: 'after_lifepo4_analysis' }) @IsString() @Matches(/^[A-Za-z0-9_.-]{1,100}$/, { message: 'name must be 1 to 100 letters, digits or _.-' }) name!: string;
}

/** Why a restore or a recover: kept with its CheckpointRestored event. */
export class RestoreDto {
  @ApiPropertyOptional({ example: 'the last analysis used the wrong structure' }) @IsOptional() @IsString() @Length(1, 500) reason?: string;
}

export class HistoryQuery {
  @ApiPropertyOptional({ default: 50 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500) last?: number;
  @ApiPropertyOptional({ description: 'Turns before this turn index' }) @IsOptional() @Type(() => Number) @IsInt() @Min(0) before?: number;
}

export class StateQuery {
  @ApiPropertyOptional({ description: 'A revision (integer) or an ISO 8601 instant; the head when absent' }) @IsOptional() @IsString() at?: string;
}

export class DiffQuery {
  @ApiProperty({ description: 'Revision or ISO instant' }) @IsString() from!: string;
  @ApiPropertyOptional({ description: 'Revision or ISO instant; the head when absent' }) @IsOptional() @IsString() to?: string;
}

export class EventsQuery {
  @ApiPropertyOptional({ default: 0 }) @IsOptional() @Type(() => Number) @IsInt() @Min(0) from?: number;
  @ApiPropertyOptional({ default: 100 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(1000) limit?: number;
}


export class ExportQuery {
  @ApiPropertyOptional({ default: 'true', enum: ['true', 'false'] }) @IsOptional() @IsIn(['true', 'false']) includeDiscoveries?: string;
  @ApiPropertyOptional({ default: 'true', enum: ['true', 'false'] }) @IsOptional() @IsIn(['true', 'false']) includeMaterials?: string;
  @ApiPropertyOptional({ default: 'false', enum: ['true', 'false'] }) @IsOptional() @IsIn(['true', 'false']) includeEvents?: string;
}

export class ContextQuery {
  @ApiPropertyOptional({ description: 'A question: past findings relevant to it (relevanceThreshold) are included' }) @IsOptional() @IsString() @Length(1, 10000) q?: string;
}
