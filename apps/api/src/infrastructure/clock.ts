import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';

/** The only place the API reads time and makes ids: commands receive both as inputs. */
@Injectable()
export class Clock {
  now(): string {
    return new Date().toISOString();
  }
  newId(): string {
    return randomUUID();
  }
}
