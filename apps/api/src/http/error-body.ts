// The one error shape of the API (see API.md, "Errors").
export interface ErrorBody {
  error: {
    code: string;
    message: string;
    field?: string;
    conflicts?: Array<{ field: string; local: unknown; remote: unknown; base?: unknown }>;
    recoverable?: boolean;
    /** Ids the caller needs to find what was recorded despite the error (e.g. the failed query). */
    details?: Record<string, unknown>;
  };
}

export function errorBody(code: string, message: string, extra: Omit<ErrorBody['error'], 'code' | 'message'> = {}): ErrorBody {
  return { error: { code, message, ...extra } };
}
