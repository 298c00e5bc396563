import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import { ROUTE_NAME_METADATA, ROUTE_SURFACE_METADATA } from '../emulator.constants';
import { EmulatorApiError, RequestAbortedError } from '../errors';
import type { EmulatorRouteName } from '../interfaces';
import type { RouteSurface } from '../api/emulator-route.decorator';
import { FaultsService } from './faults.service';

/**
 * Applies the fault rules before a named route runs (and before authentication, as a load balancer or gateway in
 * front of the real service would): added latency, then at most one of 429, 500, 503, a dropped connection, a
 * request that is never answered, or a request that runs to its end and whose answer is then dropped. Waits end early
 * when the connection closes, so stopping the emulator never hangs.
 */
@Injectable()
export class FaultInjectionGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly faults: FaultsService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const route = this.reflector.get<EmulatorRouteName | undefined>(ROUTE_NAME_METADATA, context.getHandler());
    if (route === undefined) return true;
    const surface = this.reflector.get<RouteSurface | undefined>(ROUTE_SURFACE_METADATA, context.getHandler());
    const decision = this.faults.decide(route, surface === 'api');
    const http = context.switchToHttp();
    const request = http.getRequest<Request>();
    const response = http.getResponse<Response>();
    if (decision.latencyMs > 0 && !(await waitUnlessClosed(response, decision.latencyMs))) {
      throw new RequestAbortedError();
    }
    switch (decision.fault) {
      case null:
        return true;
      case 'rateLimit':
        throw EmulatorApiError.rateLimited(decision.retryAfterSeconds);
      case 'serverError':
        throw EmulatorApiError.internal();
      case 'unavailable':
        throw EmulatorApiError.unavailable();
      case 'dropConnection':
        request.socket.destroy();
        throw new RequestAbortedError();
      case 'stall':
        await waitUnlessClosed(response, Number.POSITIVE_INFINITY);
        throw new RequestAbortedError();
      case 'dropAfterProcessing':
        dropInsteadOfAnswering(response);
        return true;
    }
  }
}

/**
 * Lets the route run to its end, then destroys the socket as the answer's head is written, before any byte of it
 * leaves. Every answer goes through `writeHead` (Node calls it for an implicit head too), whether it is JSON, a
 * stream, a redirect or an error, so whatever the route did has happened and the client learns nothing of it.
 */
function dropInsteadOfAnswering(response: Response): void {
  const writeHead = response.writeHead.bind(response);
  response.writeHead = ((...args: Parameters<Response['writeHead']>): Response => {
    const result = writeHead(...args);
    response.socket?.destroy();
    return result;
  }) as Response['writeHead'];
}

/** Resolves `true` after `ms`, or `false` as soon as the connection closes (at once if it already has). */
function waitUnlessClosed(response: Response, ms: number): Promise<boolean> {
  if (response.destroyed || response.socket?.destroyed !== false) return Promise.resolve(false);
  return new Promise((resolve) => {
    const onClose = (): void => {
      clearTimeout(timer);
      resolve(false);
    };
    const timer = Number.isFinite(ms)
      ? setTimeout(() => {
          response.off('close', onClose);
          resolve(true);
        }, ms)
      : undefined;
    response.once('close', onClose);
  });
}
