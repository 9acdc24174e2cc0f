import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsObject, IsOptional, IsString, Length, Matches, Min } from 'class-validator';
import { TEMPLATE_NAME_PATTERN } from '@crystalyse/domain';

export class SaveTemplateDto {
  @ApiProperty({ example: 'my_materials_screening_workflow' })
  @IsString() @Matches(TEMPLATE_NAME_PATTERN, { message: 'name must start with a lower-case letter and hold only a-z, 0-9 and _ (at most 100)' }) name!: string;
  @ApiProperty({ description: 'The session to save as a template' }) @IsString() @Length(1, 100) fromSession!: string;
  @ApiPropertyOptional({ example: { application: 'solid state battery' }, description: 'Parameter name → the text in the session that becomes {{name}}' })
  @IsOptional() @IsObject() parameters?: Record<string, string>;
}

export class CreateFromTemplateDto {
  @ApiProperty({ example: 'materials_discovery_workflow' }) @IsString() @Length(1, 100) template!: string;
  @ApiPropertyOptional({ example: { application: 'solid state battery', structure: 'perovskite' } }) @IsOptional() @IsObject() parameters?: Record<string, unknown>;
  @ApiPropertyOptional({ description: 'A version of the template; the latest when absent' }) @IsOptional() @IsInt() @Min(1) version?: number;
}
