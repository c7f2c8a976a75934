import { ClassifierInputError } from "../classify/index.ts";
import { invalid } from "./errors.ts";

/** Runs a classifier call, turning its input errors into 400 naming the field. */
export async function classifierCall<T>(fn: () => Promise<T>, field?: (f: string) => string): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof ClassifierInputError) throw invalid(field ? field(err.field) : err.field, err.message);
    throw err;
  }
}
