// A batch as an upload (multipart/form-data): a CSV or JSON file of materials and the other
// fields as form fields. CSV: one formula per row, in a column named `formula` (or `material`)
// when there is a header, else the first column. JSON: a list of formulas, or { materials: [...] }.
import { parse } from 'csv-parse/sync';
import type { FastifyRequest } from 'fastify';
import type { MultipartFile, MultipartValue } from '@fastify/multipart';
import { ValidationError } from '@crystalyse/domain';

const FIELDS = ['name', 'sharedContext', 'concurrency', 'retries'] as const;

function formulasFromCsv(text: string): string[] {
  let rows: string[][];
  try {
    rows = parse(text, { skip_empty_lines: true, trim: true, relax_column_count: true, bom: true }) as string[][];
  } catch (error) {
    throw new ValidationError('file', `the CSV could not be read: ${(error as Error).message}`);
  }
  if (rows.length === 0) return [];
  const header = rows[0]!.map((h) => h.toLowerCase());
  const column = header.findIndex((h) => h === 'formula' || h === 'material' || h === 'materials');
  return (column >= 0 ? rows.slice(1).map((r) => r[column] ?? '') : rows.map((r) => r[0] ?? '')).filter((f) => f !== '');
}

function formulasFromJson(text: string): unknown {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new ValidationError('file', 'the JSON file could not be read');
  }
  return Array.isArray(value) ? value : (value as { materials?: unknown } | null)?.materials;
}

/** The body the upload stands for, validated afterwards like a JSON body. */
export async function uploadedBatch(request: FastifyRequest): Promise<Record<string, unknown>> {
  let file: MultipartFile | undefined;
  try {
    file = await request.file();
  } catch (error) {
    throw new ValidationError('file', `the upload could not be read: ${(error as Error).message}`);
  }
  if (!file) throw new ValidationError('file', 'upload a CSV or JSON file of materials in the field "file"');
  const text = (await file.toBuffer()).toString('utf8');
  const json = file.mimetype.includes('json') || file.filename.toLowerCase().endsWith('.json');
  const body: Record<string, unknown> = { materials: json ? formulasFromJson(text) : formulasFromCsv(text) };
  for (const field of FIELDS) {
    const part = file.fields[field] as MultipartValue<string> | undefined;
    if (!part || part.type !== 'field') continue;
    const raw = String(part.value);
    body[field] = field === 'name' ? raw : raw === 'true' ? true : raw === 'false' ? false : /^\d+$/.test(raw) ? Number(raw) : raw;
  }
  return body;
}
