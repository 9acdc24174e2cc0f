// Request bodies of the agent's endpoints, validated by class-validator (400 naming the field).
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsDefined, IsIn, IsInt, IsNumber, IsOptional, IsString, Length, Matches, Max, Min, ValidateIf } from 'class-validator';
import { DISCOVERY_CATEGORIES, DISCOVERY_RELATIONSHIPS, TOOL_NAME_PATTERN, type DiscoveryCategory, type DiscoveryRelationship, type JsonValue } from '@crystalyse/domain';

export class QueryDto {
  @ApiProperty({ example: 'Analyse LiFePO4' }) @IsString() @Length(1, 10000) text!: string;
}

export class RecordDiscoveryDto {
  @ApiProperty({ enum: DISCOVERY_CATEGORIES, description: 'The seed calls it `type`' }) @IsIn(DISCOVERY_CATEGORIES) type!: DiscoveryCategory;
  @ApiProperty({ example: 'Olivine structure increases ionic conductivity 10-fold' }) @IsString() @Length(1, 5000) description!: string;
  @ApiProperty({ example: ['LiFePO4', 'LiMnPO4'] }) @IsArray() @ArrayMaxSize(100) @IsString({ each: true }) materials!: string[];
  @ApiPropertyOptional({ description: 'Any JSON, e.g. a response analysis' }) @IsOptional() evidence?: JsonValue;
  @ApiProperty({ example: 0.9 }) @IsNumber() @Min(0) @Max(1) confidence!: number;
  @ApiPropertyOptional({ description: 'The query whose analysis is the evidence' }) @IsOptional() @IsString() queryId?: string;
}

export class LinkDiscoveriesDto {
  @ApiProperty({ example: ['disc1', 'disc2'] }) @IsArray() @ArrayMinSize(2) @ArrayMaxSize(50) @IsString({ each: true }) discoveryIds!: string[];
  @ApiProperty({ enum: DISCOVERY_RELATIONSHIPS }) @IsIn(DISCOVERY_RELATIONSHIPS) relationship!: DiscoveryRelationship;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 5000) notes?: string;
}

export class ReviewDto {
  @ApiPropertyOptional({ description: 'A note (validate) or a reason (reject)' }) @IsOptional() @IsString() @Length(1, 2000) note?: string;
}

export class TagDto {
  @ApiProperty({ example: ['cathode', 'olivine'] }) @IsArray() @ArrayMinSize(1) @ArrayMaxSize(50) @IsString({ each: true }) tags!: string[];
}

export class DiscoveryConfigDto {
  @ApiPropertyOptional() @IsOptional() @IsBoolean() autoDetect?: boolean;
  @ApiPropertyOptional() @IsOptional() @IsNumber() @Min(0) @Max(1) minConfidence?: number;
  @ApiPropertyOptional({ enum: DISCOVERY_CATEGORIES, isArray: true }) @IsOptional() @IsArray() @IsIn(DISCOVERY_CATEGORIES, { each: true }) categories?: DiscoveryCategory[];
}

export class ToolInvocationDto {
  @ApiProperty({ example: 'visualization' }) @IsString() @Matches(TOOL_NAME_PATTERN, { message: "tool must be 1 to 100 letters, digits, '_', '.' or '-'" }) tool!: string;
  @ApiProperty({ nullable: true }) @ValidateIf((_, v) => v !== null) @IsDefined() input!: JsonValue;
  @ApiProperty({ nullable: true, description: 'null for a run that produced nothing' }) @ValidateIf((_, v) => v !== null) @IsDefined() output!: JsonValue;
  @ApiProperty() @IsInt() @Min(0) durationMs!: number;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 2000) error?: string;
  @ApiPropertyOptional({ description: 'The state the tool keeps in this session after this run' }) @IsOptional() toolState?: JsonValue;
}
