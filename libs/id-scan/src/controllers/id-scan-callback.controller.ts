import { Controller } from '@nestjs/common';

/**
 * The browser-facing completion routes: the return URLs, the iframe completion endpoint and the `client.js`
 * browser helper. Registered by `IdScanModule` unless `routes: false`.
 */
@Controller('id-scan')
export class IdScanCallbackController {}
