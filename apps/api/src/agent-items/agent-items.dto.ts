import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsInt, IsObject, IsOptional, Max, Min } from 'class-validator';
import { AGENT_ITEM_LIMITS, type JsonObject } from '@crystalyse/domain';

export class AddAgentItemsDto {
  @ApiProperty({ description: 'Agent input items (OpenAI Agents SDK): objects with a type or a role', example: [{ role: 'user', content: 'Which olivine cathode is most stable?' }] })
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(AGENT_ITEM_LIMITS.perAdd) @IsObject({ each: true })
  items!: JsonObject[];
}

export class AgentItemsQuery {
  @ApiPropertyOptional({ description: 'The latest this many items (all when absent), oldest first' })
  @IsOptional() @Type(() => Number) @IsInt() @Min(0) @Max(100_000)
  limit?: number;
}
