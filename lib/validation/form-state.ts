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

/**
 * A form field as the text it holds. A crafted multipart post can send a file
 * where a text field belongs, and String(file) is "[object File]", which would
 * pass as a name: a file counts as an empty field, so the schema refuses it.
 */
export function formText(formData: FormData, field: string): string {
  const value = formData.get(field);
  return typeof value === "string" ? value : "";
}
