/** One validation finding: a JSON pointer from the request body root and what is wrong there. */
export interface FieldError {
  pointer: string;
  detail: string;
}
