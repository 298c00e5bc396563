import { Controller } from '@nestjs/common';

/** Receives ID Scan event deliveries (`POST /id-scan/events`). Registered by `IdScanModule` unless `routes: false`. */
@Controller('id-scan')
export class IdScanEventsController {}
