/**
 * `POST /api/v1/reports` as multipart/form-data: a field `report` holding the
 * JSON body, and the files in `attachments`. This reads the form within the
 * limits (bytes are kept only up to the per-file limit, reading stops keeping
 * anything once the report's total is passed), hands the report on as the
 * request body (validated by the route's schema like a JSON one) and keeps the
 * files for the handler. What the files are is decided in the domain
 * (domain/reports/attachments.ts), from their content.
 */
import fastifyMultipart from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { TooLargeError, ValidationError, type Problem } from '../domain/errors.js';
import type { UploadedFile } from '../domain/reports/attachments.js';
import { formatBytes, type AttachmentLimits } from '../shared/attachments.js';

/** The report's JSON text may hold a 20,000-character description in any script, and then some. */
const REPORT_FIELD_BYTES = 2 * 1024 * 1024;

const uploads = new WeakMap<FastifyRequest, UploadedFile[]>();

/** The files read from a multipart report (none for a JSON one). */
export const uploadedFiles = (request: FastifyRequest): UploadedFile[] => uploads.get(request) ?? [];

/** Registers the multipart parser in the (encapsulated) context of the report routes. */
export async function registerReportForm(app: FastifyInstance, limits: AttachmentLimits): Promise<void> {
  await app.register(fastifyMultipart, {
    throwFileSizeLimit: false,
    limits: {
      fileSize: limits.maxFileBytes,
      files: limits.maxFiles,
      fields: 5,
      fieldSize: REPORT_FIELD_BYTES,
      parts: limits.maxFiles + 5,
      headerPairs: 50,
    },
  });
}

const code = (err: unknown) => (err as { code?: unknown }).code;

/** A preValidation hook: turns a multipart report into the body the schema checks, keeping its files aside. */
export function readReportForm(limits: AttachmentLimits) {
  return async (request: FastifyRequest): Promise<void> => {
    if (!request.isMultipart()) return;
    const problems: Problem[] = [];
    const files: UploadedFile[] = [];
    let report: unknown;
    let total = 0;
    try {
      for await (const part of request.parts()) {
        if (part.type === 'file') {
          if (part.fieldname !== 'attachments' || total > limits.maxTotalBytes) {
            // Read and dropped: past the report's limit (already named), or not where files go.
            for await (const _ of part.file);
            if (part.fieldname !== 'attachments')
              problems.push({
                pointer: `/body/${part.fieldname}`,
                message: 'unexpected file: send files in the field "attachments"',
              });
            continue;
          }
          const chunks: Buffer[] = [];
          for await (const chunk of part.file) chunks.push(chunk as Buffer);
          const bytes = Buffer.concat(chunks);
          total += bytes.length;
          files.push({ name: part.filename, bytes, truncated: part.file.truncated });
        } else if (part.fieldname === 'report') {
          if (report !== undefined) problems.push({ pointer: '/body/report', message: 'sent twice: send it once' });
          else if (part.valueTruncated)
            problems.push({ pointer: '/body/report', message: `larger than ${formatBytes(REPORT_FIELD_BYTES)}` });
          else report = part.value;
        } else {
          problems.push({
            pointer: `/body/${part.fieldname}`,
            message: 'unknown field: the report goes in "report" (JSON text), its files in "attachments"',
          });
        }
      }
    } catch (err) {
      if (code(err) === 'FST_FILES_LIMIT') {
        throw new TooLargeError(`A report takes at most ${limits.maxFiles} files; nothing was received.`, [
          {
            pointer: `/body/attachments/${limits.maxFiles}`,
            message: `a report takes at most ${limits.maxFiles} files`,
          },
        ]);
      }
      if (code(err) === 'FST_PARTS_LIMIT' || code(err) === 'FST_FIELDS_LIMIT') {
        throw new TooLargeError('The form has too many parts; nothing was received.', [
          { pointer: '/body', message: 'too many fields: send "report" once and at most the allowed files' },
        ]);
      }
      if (code(err) === 'FST_INVALID_JSON_FIELD_ERROR') {
        problems.push({ pointer: '/body/report', message: 'must be JSON text: the report as for application/json' });
      } else throw err;
    }
    if (report === undefined && !problems.some((p) => p.pointer === '/body/report')) {
      problems.push({ pointer: '/body/report', message: 'required: the report as JSON text' });
    }
    if (typeof report === 'string') {
      try {
        report = JSON.parse(report);
      } catch (err) {
        problems.push({ pointer: '/body/report', message: `must be JSON text (${(err as Error).message})` });
      }
    }
    if (problems.length > 0) {
      throw new ValidationError(
        `The report was not received: ${problems.map((p) => `${p.pointer}: ${p.message}`).join('; ')}`,
        problems,
      );
    }
    request.body = report;
    uploads.set(request, files);
  };
}
