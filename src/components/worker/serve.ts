/**
 * The worker's side of a page's worker client (./worker-channel.ts): each request of one type is handled as it
 * arrives, its answers posted back, and an exception answered as `{type: "error", id, message}` (the shape every
 * page's protocol gives its errors) instead of ending the worker. For workers whose requests run synchronously to
 * the end (the validation and simulation workers); the analysis worker keeps its own richer errors.
 *
 * @example serveRequests<SimulationRequest, SimulationResponse>("simulate", (request, post) => post({type: "done", id: request.id, total: 0, elapsedMs: 0}))
 */

interface Scope {
  postMessage(message: unknown): void;
  addEventListener(type: "message", listener: (event: MessageEvent) => void): void;
}

export function serveRequests<Request extends {type: string; id: number}, Response>(type: Request["type"], handle: (request: Request, post: (message: Response) => void) => void, scope: Scope = self as unknown as Scope): void {
  scope.addEventListener("message", (event) => {
    const request = event.data as Request | undefined;
    if (request?.type !== type) return;
    try {
      handle(request, (message) => scope.postMessage(message));
    } catch (error) {
      scope.postMessage({type: "error", id: request.id, message: error instanceof Error ? error.message : String(error)});
    }
  });
}
