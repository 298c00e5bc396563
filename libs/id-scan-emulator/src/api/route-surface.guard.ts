import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { EMULATOR_ADDRESSES, EMULATOR_OPTIONS, ROUTE_SURFACE_METADATA } from '../emulator.constants';
import type { EmulatorAddresses } from '../options/emulator-addresses.interface';
import { EmulatorApiError } from '../errors';
import type { ResolvedEmulatorOptions } from '../options/resolved-emulator-options.interface';
import type { RouteSurface } from './emulator-route.decorator';

/**
 * With a separate page origin, answers 404 to a page route requested on the API port and to an API route requested
 * on the page port, so the two origins behave like two hosts.
 */
@Injectable()
export class RouteSurfaceGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(EMULATOR_OPTIONS) private readonly options: ResolvedEmulatorOptions,
    @Inject(EMULATOR_ADDRESSES) private readonly addresses: EmulatorAddresses,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    if (this.options.pagePort === undefined) return true;
    const surface = this.reflector.get<RouteSurface | undefined>(ROUTE_SURFACE_METADATA, context.getHandler());
    if (surface === undefined) return true;
    const onApiPort = context.switchToHttp().getRequest<Request>().socket.localPort === this.addresses.apiPort;
    if (onApiPort !== (surface === 'api')) throw EmulatorApiError.notFound('The page');
    return true;
  }
}
