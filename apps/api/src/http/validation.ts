// class-validator failures become our ValidationError, naming the first failing field
// (nested fields as a dotted path), so the error filter answers 400 with `field`.
import { ValidationPipe, type ValidationError as ClassValidatorError } from '@nestjs/common';
import { ValidationError } from '@crystalyse/domain';

function firstFailure(errors: ClassValidatorError[], prefix = ''): { field: string; message: string } | null {
  for (const error of errors) {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    const messages = Object.values(error.constraints ?? {});
    if (messages.length > 0) return { field, message: messages.join('; ') };
    const nested = firstFailure(error.children ?? [], field);
    if (nested) return nested;
  }
  return null;
}

export const validationPipe = new ValidationPipe({
  whitelist: true,
  forbidNonWhitelisted: true,
  transform: true,
  exceptionFactory: (errors) => {
    const failure = firstFailure(errors) ?? { field: 'body', message: 'invalid request body' };
    return new ValidationError(failure.field, failure.message);
  },
});
