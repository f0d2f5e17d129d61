/** An error whose message is meant for the person running the tool; no stack trace is shown. */
export class UserError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UserError";
  }
}
