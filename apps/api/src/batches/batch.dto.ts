// Request bodies of batch sessions and autosave (class-validator: 400 naming the field).
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsInt, IsObject, IsOptional, IsString, Length, Max, Min } from 'class-validator';
import { BATCH_LIMITS, MAX_AUTOSAVE_MINUTES, type JsonObject } from '@crystalyse/domain';

export class CreateBatchDto {
  @ApiProperty({ example: 'materials_library_screening' }) @IsString() @Length(1, 200) name!: string;
  @ApiProperty({ example: ['LiFePO4', 'LiCoO2', 'NaCl'], description: 'One query per material, in order' })
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(BATCH_LIMITS.items) @IsString({ each: true }) materials!: string[];
  @ApiPropertyOptional({ default: true, description: 'Queries run in the batch session in order (later ones see earlier findings); false: each in a branch of its own, in parallel' })
  @IsOptional() @IsBoolean() sharedContext?: boolean;
  @ApiPropertyOptional({ default: 1, description: 'Items at once without shared context' }) @IsOptional() @IsInt() @Min(1) @Max(BATCH_LIMITS.concurrency) concurrency?: number;
  @ApiPropertyOptional({ default: 1, description: 'Retries of a failed item before it is reported failed' }) @IsOptional() @IsInt() @Min(0) @Max(BATCH_LIMITS.retries) retries?: number;
  @ApiPropertyOptional() @IsOptional() @IsObject() metadata?: JsonObject;
}

export class AutosaveDto {
  @ApiProperty() @IsBoolean() enabled!: boolean;
  @ApiPropertyOptional({ default: 5 }) @IsOptional() @IsInt() @Min(1) @Max(MAX_AUTOSAVE_MINUTES) frequencyMinutes?: number;
  @ApiPropertyOptional({ default: true }) @IsOptional() @IsBoolean() onDiscovery?: boolean;
  @ApiPropertyOptional({ default: true }) @IsOptional() @IsBoolean() onPause?: boolean;
}
