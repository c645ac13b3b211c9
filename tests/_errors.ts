/**
 * Checks that a client's mistake is refused as an InputError with the right
 * status and a message that says what is wrong.
 *
 * @module
 */

import { assertEquals, assertRejects, assertThrows } from "@std/assert";
import { InputError } from "../lib/input_error.ts";

/** Asserts that `work` throws an InputError of `status` whose message includes `message`. */
export function assertInputError(
  work: () => unknown,
  status: number,
  message: string,
  context = "",
): InputError {
  const error = assertThrows(work, InputError, message, context);
  assertEquals(error.status, status, `${context}: ${error.message}`);
  return error;
}

/** Asserts that `work` rejects with an InputError of `status` whose message includes `message`. */
export async function assertRejectsInput(
  work: () => Promise<unknown>,
  status: number,
  message: string,
  context = "",
): Promise<InputError> {
  const error = await assertRejects(work, InputError, message, context);
  assertEquals(error.status, status, `${context}: ${error.message}`);
  return error;
}
