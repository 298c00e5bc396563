import { Controller, Get, Header } from '@nestjs/common';
import { DEMO_STYLES } from '../assets/demo.styles';
import { START_SCRIPT } from '../assets/start.script';
import { VERIFICATION_SCRIPT } from '../assets/verification.script';
import { LOGO_SVG } from '../views/layout.view';

/**
 * The stylesheet and the browser scripts of the pages, served from memory, each with `nosniff` so that a browser
 * never reads one as another type.
 */
@Controller('assets')
export class AssetsController {
  @Get('demo.css')
  @Header('content-type', 'text/css; charset=utf-8')
  @Header('cache-control', 'public, max-age=300')
  @Header('x-content-type-options', 'nosniff')
  styles(): string {
    return DEMO_STYLES;
  }

  @Get('verification.js')
  @Header('content-type', 'text/javascript; charset=utf-8')
  @Header('cache-control', 'public, max-age=300')
  @Header('x-content-type-options', 'nosniff')
  script(): string {
    return VERIFICATION_SCRIPT;
  }

  @Get('start.js')
  @Header('content-type', 'text/javascript; charset=utf-8')
  @Header('cache-control', 'public, max-age=300')
  @Header('x-content-type-options', 'nosniff')
  startScript(): string {
    return START_SCRIPT;
  }

  @Get('favicon.svg')
  @Header('content-type', 'image/svg+xml')
  @Header('cache-control', 'public, max-age=86400')
  @Header('x-content-type-options', 'nosniff')
  favicon(): string {
    return LOGO_SVG;
  }
}
