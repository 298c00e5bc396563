import { Controller, Get, Res } from '@nestjs/common';
import type { Response } from 'express';
import { DEMO_STYLES } from '../assets/demo.styles';
import { START_SCRIPT } from '../assets/start.script';
import { VERIFICATION_SCRIPT } from '../assets/verification.script';
import { LOGO_SVG } from '../views/layout.view';
import { sendAsset } from './page-response.util';

/**
 * The stylesheet and the browser scripts of the pages, served from memory with the pages' security headers
 * (`nosniff`, so that a browser never reads one as another type; the same policy and cache rule).
 */
@Controller('assets')
export class AssetsController {
  @Get('demo.css')
  styles(@Res() res: Response): void {
    sendAsset(res, 'text/css; charset=utf-8', DEMO_STYLES);
  }

  @Get('verification.js')
  script(@Res() res: Response): void {
    sendAsset(res, 'text/javascript; charset=utf-8', VERIFICATION_SCRIPT);
  }

  @Get('start.js')
  startScript(@Res() res: Response): void {
    sendAsset(res, 'text/javascript; charset=utf-8', START_SCRIPT);
  }

  @Get('favicon.svg')
  favicon(@Res() res: Response): void {
    sendAsset(res, 'image/svg+xml', LOGO_SVG);
  }
}
