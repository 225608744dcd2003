/** What a server action returns to useActionState: field errors, a form-level message, and the typed values to put back. */
export type FormState<Field extends string> = {
  errors?: Partial<Record<Field, string>>;
  message?: string;
  values?: Partial<Record<Field, string>>;
};

/** First message per field from a zod error, in the shape forms render. */
export function fieldErrors<Field extends string>(issues: { path: PropertyKey[]; message: string }[]) {
  const errors: Partial<Record<Field, string>> = {};
  for (const issue of issues) {
    const field = String(issue.path[0]) as Field;
    errors[field] ??= issue.message;
  }
  return errors;
}
