// What every command of a session carries: its session, its actor and the time it was issued.
// Each slice writes its commands with `Cmd`; generated ids travel in the data, because decide never
// reads the clock or makes up an id.
export interface CommandBase {
  sessionId: string;
  actorId: string;
  /** ISO 8601 time the command was issued. */
  at: string;
}

export type Cmd<Type extends string, Data = object> = { type: Type; data: CommandBase & Data };
