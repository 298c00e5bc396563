import { Controller, Get, Header } from '@nestjs/common';
import { DEMO_STYLES } from '../assets/demo.styles';
import { VERIFICATION_SCRIPT } from '../assets/verification.script';
import { LOGO_SVG } from '../views/layout.view';

/** The stylesheet and the one browser script of the pages, served from memory. */
@Controller('assets')
export class AssetsController {
  @Get('demo.css')
  @Header('content-type', 'text/css; charset=utf-8')
  @Header('cache-control', 'public, max-age=300')
  styles(): string {
    return DEMO_STYLES;
  }

  @Get('verification.js')
  @Header('content-type', 'text/javascript; charset=utf-8')
  @Header('cache-control', 'public, max-age=300')
  script(): string {
    return VERIFICATION_SCRIPT;
  }

  @Get('favicon.svg')
  @Header('content-type', 'image/svg+xml')
  @Header('cache-control', 'public, max-age=86400')
  favicon(): string {
    return LOGO_SVG;
  }
}
