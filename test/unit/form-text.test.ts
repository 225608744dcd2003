import { describe, expect, it } from "vitest";
import { formText } from "@/lib/validation/form-state";

describe("formText", () => {
  it("gives a text field as typed, and a missing one as empty", () => {
    const form = new FormData();
    form.append("name", "  Ann <b>Lee</b> ");
    expect(formText(form, "name")).toBe("  Ann <b>Lee</b> ");
    expect(formText(form, "email")).toBe("");
  });

  it("gives a file sent in place of a text field as empty, never as '[object File]'", () => {
    const form = new FormData();
    form.append("name", new Blob(["Ann Lee"]), "name.txt");
    expect(formText(form, "name")).toBe("");
  });
});
