/**
 * The steps the write routes share: who may (401 when nobody is signed in, 403 without the permission) → one
 * domain call, given the principal and the audit trail's name for the caller → the answer, with the record's new
 * ETag, and for a new record its Location and 201.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Actor } from '../domain/audit/audit.js';
import type { Action, Principal } from '../domain/auth/roles.js';
import { actorOf, authorize } from './auth.js';
import { setEtag } from './etag.js';

/** The domain call, if the caller may do `action`: given the principal and how the audit trail names the caller. */
export function authorized<R>(
  request: FastifyRequest,
  action: Action,
  call: (p: Principal, actor: Actor) => Promise<R>,
): Promise<R> {
  return call(authorize(request, action), actorOf(request));
}

/** The record as the answer, with its ETag. */
export function sendVersioned<R extends { version: number }>(reply: FastifyReply, record: R): R {
  setEtag(reply, record);
  return record;
}

/** A new record as the answer: 201, its ETag and where it lives (Location). */
export function sendCreated<R extends { version: number }>(reply: FastifyReply, record: R, location: string) {
  setEtag(reply, record);
  reply.header('location', location);
  return reply.code(201).send(record);
}
