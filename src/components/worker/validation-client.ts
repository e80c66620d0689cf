/**
 * Promise-based client of the Validation page's worker (./validation-worker.ts): `validate(request)` resolves
 * with the worker's result and reports progress; `cancel()` terminates the worker (the only way to stop a running
 * bootstrap at once) and rejects the pending call with CancelledError; the next call starts a fresh worker. A new
 * call supersedes the running one. Browser only (Worker); tests pass a fake worker factory.
 *
 * @example const client = new ValidationClient(FileAttachment("data/validation-worker.js").href)
 */
import {CancelledError} from "./client.js";
import {isValidationResponse, type ValidationRequest, type ValidationResponse} from "./validation-protocol.js";
import {ChannelClient, type CreateWorker} from "./worker-channel.js";

export {CancelledError};

export type ValidationResult = Extract<ValidationResponse, {type: "result"}>;

export class ValidationClient extends ChannelClient<ValidationRequest, ValidationResponse> {
  constructor(url: string | URL, createWorker: CreateWorker = (u) => new Worker(u)) {
    super(url, createWorker, isValidationResponse, {
      crashed: (detail) => new Error(`The bootstrap stopped unexpectedly${detail}.`),
      cancelled: () => new CancelledError()
    });
  }

  validate(request: Omit<ValidationRequest, "type" | "id">, onProgress?: (stage: string, fraction: number) => void): Promise<ValidationResult> {
    return this.channel.send<ValidationResult>({...request, type: "validate", id: this.channel.nextId()}, (message, finish, fail) => {
      if (message.type === "progress") onProgress?.(message.stage, message.fraction);
      else if (message.type === "error") fail(new Error(message.message));
      else finish(message);
    });
  }
}
