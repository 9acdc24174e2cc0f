// The service's OpenAPI document, built from the controllers and DTOs: served at /docs, printed by
// `crystalyse openapi`, and the source of the SDK's generated wire types (libs/sdk/src/generated).
import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';

export function openApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Crystalyse Sessions')
    .setDescription('Event-sourced research sessions of an AI materials-design agent')
    .setVersion('1')
    .addBearerAuth()
    .build();
  return SwaggerModule.createDocument(app, config);
}
