/**
 * Checks that a refusal is the right one: a client's mistake as a
 * ClientError with its status, the server being busy as a ServerBusy, each
 * with a message that says what is wrong.
 *
 * @module
 */

import { assertEquals, assertRejects, assertThrows } from "@std/assert";
import { ClientError, ServerBusy } from "../lib/errors.ts";

/** Asserts that `work` throws a ClientError of `status` whose message includes `message`. */
export function assertClientError(
  work: () => unknown,
  status: number,
  message: string,
  context = "",
): ClientError {
  const error = assertThrows(work, ClientError, message, context);
  assertEquals(error.status, status, `${context}: ${error.message}`);
  return error;
}

/** Asserts that `work` rejects with a ClientError of `status` whose message includes `message`. */
export async function assertRejectsClient(
  work: () => Promise<unknown>,
  status: number,
  message: string,
  context = "",
): Promise<ClientError> {
  const error = await assertRejects(work, ClientError, message, context);
  assertEquals(error.status, status, `${context}: ${error.message}`);
  return error;
}

/** Asserts that `work` rejects with a ServerBusy whose message includes `message`. */
export async function assertRejectsBusy(
  work: () => Promise<unknown>,
  message: string,
  context = "",
): Promise<ServerBusy> {
  return await assertRejects(work, ServerBusy, message, context);
}
