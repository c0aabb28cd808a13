/** A side of the verification could not be reached or read: said in words, never with what a peer sent. */
export class VerificationSideUnreachable extends Error {
  constructor(
    readonly side: 'source' | 'target',
    message: string,
  ) {
    super(message);
  }
}

/** The verification ran out of time (VERIFICATION_TIMEOUT_MS) or its caller went away. */
export class VerificationCutShort extends Error {}
