import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ROUTE_NAME_METADATA, ROUTE_SURFACE_METADATA } from '../emulator.constants';
import type { EmulatorApiRouteName, EmulatorPageRouteName } from '../interfaces';

/** Which server a route belongs to when the hosted pages have an origin of their own. */
export type RouteSurface = 'api' | 'pages';

/** Names an API route (for fault rules) and places it on the API origin. */
export function ApiRoute(name: EmulatorApiRouteName): MethodDecorator {
  return applyDecorators(SetMetadata(ROUTE_NAME_METADATA, name), SetMetadata(ROUTE_SURFACE_METADATA, 'api'));
}

/** Names a hosted-flow route (for fault rules) and places it on the page origin. */
export function PageRoute(name: EmulatorPageRouteName): MethodDecorator {
  return applyDecorators(SetMetadata(ROUTE_NAME_METADATA, name), SetMetadata(ROUTE_SURFACE_METADATA, 'pages'));
}
